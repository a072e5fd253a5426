SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 10533
ORDER BY created_at DESC, id DESC
LIMIT 20;
