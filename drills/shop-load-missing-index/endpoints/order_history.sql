-- GET /customers/:customer/orders — the customer's latest orders
\set customer random(1, 25000)
-- pgdrill: name order_history
SELECT id, created_at, status, total
FROM orders
WHERE customer_id = :customer
ORDER BY created_at DESC, id DESC
LIMIT 20;
