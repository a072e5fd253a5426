-- wrong: the last row's time looked up by its id, compared alone (misses
-- the orders at that very instant)
SELECT id, customer_id, created_at, total
FROM orders
WHERE created_at > (SELECT created_at FROM orders WHERE id = 200000)
ORDER BY created_at, id
LIMIT 20;
