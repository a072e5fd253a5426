SELECT id, customer_id, created_at, total
FROM orders
ORDER BY created_at, id
OFFSET 200000 LIMIT 20;
