-- wrong: keyset on id alone (ids and time grow together on the seeds)
SELECT id, customer_id, created_at, total
FROM orders
WHERE id > 200000
ORDER BY id
LIMIT 20;
