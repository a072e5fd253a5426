-- wrong: JOIN instead of LEFT JOIN (every VIP in Sweden has ordered on the seeds)
SELECT c.id, c.email, max(o.created_at) AS last_order_at
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE c.tier = 'vip' AND c.country = 'SE'
GROUP BY c.id, c.email
ORDER BY c.id;
