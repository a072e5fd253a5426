-- wrong: after 2026-11-20 read as from 2026-11-21 on, the whole first day is missing
SELECT warehouse_id, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE moved_at >= TIMESTAMP '2026-11-21 00:00:00'
GROUP BY warehouse_id
ORDER BY warehouse_id;
