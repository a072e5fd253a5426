-- wrong: BETWEEN ... 23:59:59.999 (the day's end to the millisecond) misses an order at 23:59:59.999999
SELECT id, customer_id, status, total
FROM orders
WHERE created_at BETWEEN TIMESTAMP '2024-03-15' AND TIMESTAMP '2024-03-15 23:59:59.999'
ORDER BY id;
