SELECT c.country, count(*) AS orders, sum(o.total) AS revenue
FROM orders o
JOIN customers c ON c.id = o.customer_id
WHERE o.created_at >= TIMESTAMP '2024-01-01'
GROUP BY c.country
ORDER BY revenue DESC;
