-- wrong: ORDER BY id (ids and time grow together on the seeds, but an old order can have a new id)
CREATE INDEX orders_status_id_idx ON orders (status, id);

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'processing'
ORDER BY id
LIMIT 20;
