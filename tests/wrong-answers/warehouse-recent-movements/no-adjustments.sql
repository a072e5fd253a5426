-- wrong: adjustments left out (the archive kept old ones, but recent ones count like any movement)
SELECT warehouse_id, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE moved_at >= TIMESTAMP '2026-11-20 00:00:00' AND kind <> 'adjustment'
GROUP BY warehouse_id
ORDER BY warehouse_id;
