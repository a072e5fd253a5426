SELECT c.id, c.email, c.created_at
FROM customers c
WHERE c.country = 'SE' AND c.tier = 'vip'
  AND c.id NOT IN (SELECT o.customer_id FROM orders o WHERE o.status = 'returned')
  AND c.id NOT IN (SELECT o.customer_id FROM orders o WHERE o.created_at >= TIMESTAMP '2023-07-01')
ORDER BY c.id;
