-- wrong: ORDER BY created_at without the id tie-breaker
CREATE INDEX orders_pending_created_at_idx ON orders (created_at)
    WHERE status = 'pending';

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'pending'
ORDER BY created_at;
