SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-03-15 00:00:00'
  AND created_at <  TIMESTAMP '2024-03-16 00:00:00'
ORDER BY id;
