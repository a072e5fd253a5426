-- wrong: counts the warehouses the item moved in, not its movements
CREATE INDEX movements_item_id_kind_idx ON movements (item_id, kind) INCLUDE (warehouse_id, qty);

SELECT kind, count(DISTINCT warehouse_id) AS movements, sum(qty) AS units
FROM movements
WHERE item_id <= 100
GROUP BY kind
ORDER BY kind;
