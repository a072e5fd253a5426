-- wrong: the cursor's id alone as the key, in the right order (ids and time
-- grow together on the seeds, not on the edge rows)
SELECT id, customer_id, created_at, total
FROM orders
WHERE id > 200000
ORDER BY created_at, id
LIMIT 20;
