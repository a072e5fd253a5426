-- wrong: ORDER BY id DESC (ids and time grow together on the seeds)
CREATE INDEX orders_customer_id_id_idx ON orders (customer_id, id);

SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 10533
ORDER BY id DESC
LIMIT 20;
