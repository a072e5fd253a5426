-- wrong: the column cast to integer (ids below 2^31 on the seeds)
SELECT id, customer_id, status, total
FROM orders
WHERE id::int IN (1001, 52000, 200123)
ORDER BY id;
