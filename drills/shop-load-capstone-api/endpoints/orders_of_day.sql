-- GET /dashboard/orders?day=N — the orders placed on one day
\set day random(0, 1090)
-- pgdrill: name orders_of_day
SELECT id, customer_id, status, total
FROM orders
WHERE created_at::date = date '2022-01-01' + :day
ORDER BY id;
