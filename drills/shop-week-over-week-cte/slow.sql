WITH sales AS (
    SELECT o.created_at, o.ship_country, o.total
    FROM orders o
    WHERE o.status <> 'cancelled'
)
SELECT cur.ship_country, cur.orders, cur.revenue,
       prev.orders AS orders_week_before, prev.revenue AS revenue_week_before
FROM (SELECT ship_country, count(*) AS orders, sum(total) AS revenue
      FROM sales
      WHERE created_at >= TIMESTAMP '2024-11-29' AND created_at < TIMESTAMP '2024-11-30'
      GROUP BY ship_country) cur
LEFT JOIN (SELECT ship_country, count(*) AS orders, sum(total) AS revenue
           FROM sales
           WHERE created_at >= TIMESTAMP '2024-11-22' AND created_at < TIMESTAMP '2024-11-23'
           GROUP BY ship_country) prev ON prev.ship_country = cur.ship_country
ORDER BY cur.ship_country;
