-- wrong: "processing orders are recent" as a filter: an order stuck since June is the one this screen exists for
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at, id);

SELECT id, customer_id, created_at, total
FROM orders
WHERE status = 'processing' AND created_at >= TIMESTAMP '2024-12-01'
ORDER BY created_at, id
LIMIT 20;
