-- wrong: only movements since the archive cut-off (2026-10-01): the old adjustments kept for audit are lost
CREATE INDEX movements_item_id_moved_at_idx ON movements (item_id, moved_at) INCLUDE (kind, qty);

SELECT kind, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE item_id <= 100 AND moved_at >= TIMESTAMP '2026-10-01 00:00:00'
GROUP BY kind
ORDER BY kind;
