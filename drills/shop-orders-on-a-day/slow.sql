SELECT id, customer_id, status, total
FROM orders
WHERE created_at::date = DATE '2024-03-15'
ORDER BY id;
