-- wrong: min() for max()
SELECT c.id, c.email, min(o.created_at) AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
WHERE c.tier = 'vip' AND c.country = 'SE'
GROUP BY c.id, c.email
ORDER BY c.id;
