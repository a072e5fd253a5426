-- wrong: BETWEEN two dates includes the next midnight
SELECT id, customer_id, status, total
FROM orders
WHERE created_at BETWEEN DATE '2024-03-15' AND DATE '2024-03-16'
ORDER BY id;
