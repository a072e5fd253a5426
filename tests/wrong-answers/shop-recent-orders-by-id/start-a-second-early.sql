-- wrong: the period starting at 2024-12-23 23:59:59 takes in an order placed a microsecond before midnight
SELECT id, customer_id, status, created_at, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-12-23 23:59:59'
ORDER BY id + 0
LIMIT 20;
