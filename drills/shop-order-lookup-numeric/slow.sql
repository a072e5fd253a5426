SELECT id, customer_id, status, total
FROM orders
WHERE id IN (1001.0, 52000.0, 200123.0)
ORDER BY id;
