-- wrong: ORDER BY created_at instead of id (ids and time grow together on the seeds)
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-03-15' AND created_at < TIMESTAMP '2024-03-16'
ORDER BY created_at;
