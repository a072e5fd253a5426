-- wrong: < 23:59:59 as the upper bound
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-03-15' AND created_at < TIMESTAMP '2024-03-15 23:59:59'
ORDER BY id;
