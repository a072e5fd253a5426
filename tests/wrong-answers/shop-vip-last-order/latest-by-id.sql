-- wrong: the order with the highest id taken as the latest
SELECT c.id, c.email,
       (SELECT o.created_at FROM orders o WHERE o.customer_id = c.id ORDER BY o.id DESC LIMIT 1) AS last_order_at
FROM customers c
WHERE c.tier = 'vip' AND c.country = 'SE'
ORDER BY c.id;
