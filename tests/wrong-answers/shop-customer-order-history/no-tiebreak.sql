-- wrong: ORDER BY created_at DESC without the id tie-breaker
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);

SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 10533
ORDER BY created_at DESC
LIMIT 20;
