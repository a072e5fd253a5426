-- wrong: status <> cancelled for the two statuses
CREATE MATERIALIZED VIEW monthly_category_revenue AS
SELECT date_trunc('month', o.created_at) AS month, p.category,
       sum(oi.quantity * oi.unit_price) AS revenue, count(*) AS lines
FROM order_items oi
JOIN orders o ON o.id = oi.order_id
JOIN products p ON p.id = oi.product_id
WHERE o.status <> 'cancelled'
GROUP BY 1, 2;

SELECT month, category, revenue, lines
FROM monthly_category_revenue
ORDER BY month, category;
