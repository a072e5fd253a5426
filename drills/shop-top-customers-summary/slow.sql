SELECT customer_id, count(*) AS orders, sum(total) AS spent
FROM orders
WHERE status = 'delivered'
GROUP BY customer_id
ORDER BY spent DESC, customer_id
LIMIT 20;
