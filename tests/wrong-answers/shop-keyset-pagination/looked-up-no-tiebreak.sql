-- wrong: the last row looked up by its id, but ordered without the id
-- tie-breaker
SELECT id, customer_id, created_at, total
FROM orders
WHERE (created_at, id) > (SELECT created_at, id FROM orders WHERE id = 200000)
ORDER BY created_at
LIMIT 20;
