SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'pending'
ORDER BY created_at, id;
