-- wrong: ORDER BY id (ids and time grow together on the seeds)
CREATE INDEX orders_pending_id_idx ON orders (id)
    WHERE status = 'pending';

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'pending'
ORDER BY id;
