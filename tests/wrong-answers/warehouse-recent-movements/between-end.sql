-- wrong: BETWEEN ... '2026-11-30 23:59:59' misses the fraction of a second before midnight
SELECT warehouse_id, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE moved_at BETWEEN TIMESTAMP '2026-11-20 00:00:00' AND TIMESTAMP '2026-11-30 23:59:59'
GROUP BY warehouse_id
ORDER BY warehouse_id;
