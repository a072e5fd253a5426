-- wrong: BETWEEN ... 23:59:59 misses an order at 23:59:59.5 on the last day
SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
FROM orders
WHERE created_at BETWEEN TIMESTAMP '2024-12-01' AND TIMESTAMP '2024-12-31 23:59:59'
  AND status <> 'cancelled'
GROUP BY 1
ORDER BY 1;
