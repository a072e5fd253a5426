-- wrong: DISTINCT ON over an inner join
SELECT DISTINCT ON (c.id) c.id, c.email, o.created_at AS last_order_at
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE c.tier = 'vip' AND c.country = 'SE'
ORDER BY c.id, o.created_at DESC;
