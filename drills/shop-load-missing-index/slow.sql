-- One order_history request (customer 1234), as the endpoint runs it.
SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 1234
ORDER BY created_at DESC, id DESC
LIMIT 20;
