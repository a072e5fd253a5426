-- wrong: ORDER BY created_at without the id tie-breaker: orders placed at one instant come back in index order
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at);

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'processing'
ORDER BY created_at
LIMIT 20;
