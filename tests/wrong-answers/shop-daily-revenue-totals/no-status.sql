-- wrong: the status filter dropped
SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
FROM orders
WHERE created_at >= TIMESTAMP '2024-12-01' AND created_at < TIMESTAMP '2025-01-01'
GROUP BY 1
ORDER BY 1;
