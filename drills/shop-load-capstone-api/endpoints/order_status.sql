-- GET /orders/:order_id — the ORM binds the id as a numeric
\set order_id random(1, 125000)
-- pgdrill: name order_status
SELECT id, status, total, created_at
FROM orders
WHERE id = CAST(:order_id AS numeric);
