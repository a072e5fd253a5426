-- wrong: <= the next midnight includes an order at exactly 2024-03-16 00:00:00
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-03-15' AND created_at <= TIMESTAMP '2024-03-16'
ORDER BY id;
