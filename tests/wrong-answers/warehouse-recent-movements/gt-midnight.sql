-- wrong: > midnight drops a movement at exactly 2026-11-20 00:00:00
SELECT warehouse_id, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE moved_at > TIMESTAMP '2026-11-20 00:00:00'
GROUP BY warehouse_id
ORDER BY warehouse_id;
