SELECT o.id, o.total, count(*) AS lines
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
WHERE o.created_at >= TIMESTAMP '2024-12-31'
GROUP BY o.id, o.total
ORDER BY o.id;
