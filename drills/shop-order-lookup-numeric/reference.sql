SELECT id, customer_id, status, total
FROM orders
WHERE id IN (1001, 52000, 200123)
ORDER BY id;
