SELECT id, customer_id, status, created_at, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-12-24 00:00:00'
ORDER BY id
LIMIT 20;
