-- wrong: ORDER BY created_at, id (the order the created_at index gives): not the twenty lowest ids when ids and times disagree
SELECT id, customer_id, status, created_at, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-12-24 00:00:00'
ORDER BY created_at, id
LIMIT 20;
