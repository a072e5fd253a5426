SELECT id, customer_id, created_at, total
FROM orders
ORDER BY total DESC, id;
