-- wrong: units summed as absolute quantities (picks are negative: the net is asked)
CREATE INDEX movements_item_id_kind_qty_idx ON movements (item_id) INCLUDE (kind, qty);

SELECT kind, count(*) AS movements, sum(abs(qty)) AS units
FROM movements
WHERE item_id <= 100
GROUP BY kind
ORDER BY kind;
