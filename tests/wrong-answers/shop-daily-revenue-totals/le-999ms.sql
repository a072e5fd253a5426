-- wrong: <= 2024-12-31 23:59:59.999 (the month's end to the millisecond) misses an order at 23:59:59.999999
SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
FROM orders
WHERE created_at >= TIMESTAMP '2024-12-01' AND created_at <= TIMESTAMP '2024-12-31 23:59:59.999'
  AND status <> 'cancelled'
GROUP BY 1
ORDER BY 1;
