SELECT warehouse_id, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE moved_at::date >= DATE '2026-11-20'
GROUP BY warehouse_id
ORDER BY warehouse_id;
