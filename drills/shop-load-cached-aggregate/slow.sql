-- One category_revenue request, as the dashboard endpoint runs it.
SELECT p.category, count(DISTINCT o.id) AS orders, sum(i.quantity) AS units,
       sum(i.quantity * i.unit_price) AS revenue
FROM orders o
JOIN order_items i ON i.order_id = o.id
JOIN products p ON p.id = i.product_id
WHERE o.created_at >= TIMESTAMP '2024-12-25' AND o.status <> 'cancelled'
GROUP BY p.category
ORDER BY revenue DESC, p.category;
