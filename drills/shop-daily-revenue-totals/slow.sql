SELECT o.created_at::date AS day,
       sum(oi.quantity * oi.unit_price) AS revenue,
       count(DISTINCT o.id) AS orders
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
WHERE o.created_at >= TIMESTAMP '2024-12-01' AND o.created_at < TIMESTAMP '2025-01-01'
  AND o.status <> 'cancelled'
GROUP BY 1
ORDER BY 1;
