SELECT o.id, o.created_at, oi.product_id, oi.quantity, oi.unit_price
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
JOIN customers c ON c.id = o.customer_id
WHERE o.created_at >= TIMESTAMP '2024-03-04' AND o.created_at < TIMESTAMP '2024-03-11'
  AND c.email = 'Maya.Bianchi12346@Example.Com'
ORDER BY o.id, oi.id;
