-- wrong: a date filter that never removes one of the 20 on the seeds
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);

SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 10533 AND created_at >= TIMESTAMP '2023-01-01'
ORDER BY created_at DESC, id DESC
LIMIT 20;
