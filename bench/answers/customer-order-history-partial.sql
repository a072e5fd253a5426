-- Halfway: an index on customer_id finds the customer's orders, but they
-- must all be fetched and sorted to find the latest twenty.
CREATE INDEX ON orders (customer_id);
SELECT id, created_at, status, total
FROM orders
WHERE customer_id = 10533
ORDER BY created_at DESC, id DESC
LIMIT 20;
