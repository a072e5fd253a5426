-- wrong: adjustments left out, as if only receipts, picks and transfers were movements
CREATE INDEX movements_item_id_kind_qty_idx ON movements (item_id) INCLUDE (kind, qty);

SELECT kind, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE item_id <= 100 AND kind <> 'adjustment'
GROUP BY kind
ORDER BY kind;
