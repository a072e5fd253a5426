-- wrong: created_at >= AND id > instead of a row comparison
SELECT id, customer_id, created_at, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-07-16 02:25:59' AND id > 200000
ORDER BY created_at, id
LIMIT 20;
