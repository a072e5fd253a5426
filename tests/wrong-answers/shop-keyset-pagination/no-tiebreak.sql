-- wrong: keyset on time without the id tie-breaker
SELECT id, customer_id, created_at, total
FROM orders
WHERE created_at > TIMESTAMP '2024-07-16 02:25:59'
ORDER BY created_at
LIMIT 20;
