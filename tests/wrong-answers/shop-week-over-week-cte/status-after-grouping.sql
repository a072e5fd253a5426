-- wrong: cancelled orders are left out of the sums but still make their country appear (AT with 0 orders)
WITH sales AS NOT MATERIALIZED (
    SELECT o.created_at, o.ship_country, o.total, o.status
    FROM orders o
)
SELECT cur.ship_country, cur.orders, cur.revenue,
       prev.orders AS orders_week_before, prev.revenue AS revenue_week_before
FROM (SELECT ship_country, count(*) FILTER (WHERE status <> 'cancelled') AS orders,
             sum(total) FILTER (WHERE status <> 'cancelled') AS revenue
      FROM sales
      WHERE created_at >= TIMESTAMP '2024-11-29' AND created_at < TIMESTAMP '2024-11-30'
      GROUP BY ship_country) cur
LEFT JOIN (SELECT ship_country, count(*) FILTER (WHERE status <> 'cancelled') AS orders,
                  sum(total) FILTER (WHERE status <> 'cancelled') AS revenue
           FROM sales
           WHERE created_at >= TIMESTAMP '2024-11-22' AND created_at < TIMESTAMP '2024-11-23'
           GROUP BY ship_country) prev ON prev.ship_country = cur.ship_country
ORDER BY cur.ship_country;
