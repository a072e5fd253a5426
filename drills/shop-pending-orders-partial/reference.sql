CREATE INDEX orders_pending_created_at_idx ON orders (created_at, id)
    WHERE status = 'pending';

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'pending'
ORDER BY created_at, id;
