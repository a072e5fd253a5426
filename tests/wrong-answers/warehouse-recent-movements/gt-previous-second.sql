-- wrong: > 23:59:59 the evening before takes in the half second before midnight
SELECT warehouse_id, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE moved_at > TIMESTAMP '2026-11-19 23:59:59'
GROUP BY warehouse_id
ORDER BY warehouse_id;
