SELECT c.id, c.email, l.last_order_at
FROM customers c
LEFT JOIN (SELECT customer_id, max(created_at) AS last_order_at
           FROM orders GROUP BY customer_id) l ON l.customer_id = c.id
WHERE c.tier = 'vip' AND c.country = 'SE'
ORDER BY c.id;
