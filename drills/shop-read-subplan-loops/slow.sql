SELECT c.id, c.email,
       (SELECT max(o.created_at) FROM orders o WHERE o.customer_id = c.id) AS last_order_at
FROM customers c
WHERE c.tier = 'vip' AND c.country = 'SE'
ORDER BY c.id;
