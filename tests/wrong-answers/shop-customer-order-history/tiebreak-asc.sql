-- wrong: the tie-breaker in the wrong direction
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);

SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 10533
ORDER BY created_at DESC, id
LIMIT 20;
