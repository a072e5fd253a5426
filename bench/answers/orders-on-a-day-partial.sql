-- Halfway: the range bound lets the index on created_at skip the days before,
-- but the cast on the column still filters every later row.
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= TIMESTAMP '2024-03-15 00:00:00'
  AND created_at::date = DATE '2024-03-15'
ORDER BY id;
