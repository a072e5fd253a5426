-- wrong: the tie-breaker reversed
CREATE MATERIALIZED VIEW customer_delivered_totals AS
SELECT customer_id, count(*) AS orders, sum(total) AS spent
FROM orders
WHERE status = 'delivered'
GROUP BY customer_id;

SELECT customer_id, orders, spent
FROM customer_delivered_totals
ORDER BY spent DESC, customer_id DESC
LIMIT 20;
