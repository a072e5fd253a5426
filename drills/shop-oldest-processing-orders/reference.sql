CREATE INDEX orders_status_created_at_idx ON orders (status, created_at, id);

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'processing'
ORDER BY created_at, id
LIMIT 20;
