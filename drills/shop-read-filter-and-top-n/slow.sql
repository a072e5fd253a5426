SELECT id, customer_id, total
FROM orders
WHERE date_part('year', created_at) = 2024 AND coupon_code = 'VIP20'
ORDER BY total DESC, id
LIMIT 10;
