-- wrong: <= 2025-01-01 includes an order at exactly midnight
SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
FROM orders
WHERE created_at >= TIMESTAMP '2024-12-01' AND created_at <= TIMESTAMP '2025-01-01'
  AND status <> 'cancelled'
GROUP BY 1
ORDER BY 1;
