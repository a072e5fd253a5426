-- wrong: BETWEEN includes the order placed at the next midnight
SELECT cur.ship_country, cur.orders, cur.revenue,
       prev.orders AS orders_week_before, prev.revenue AS revenue_week_before
FROM (SELECT ship_country, count(*) AS orders, sum(total) AS revenue
      FROM orders
      WHERE created_at BETWEEN TIMESTAMP '2024-11-29' AND TIMESTAMP '2024-11-30'
        AND status <> 'cancelled'
      GROUP BY ship_country) cur
LEFT JOIN (SELECT ship_country, count(*) AS orders, sum(total) AS revenue
           FROM orders
           WHERE created_at BETWEEN TIMESTAMP '2024-11-22' AND TIMESTAMP '2024-11-23'
             AND status <> 'cancelled'
           GROUP BY ship_country) prev ON prev.ship_country = cur.ship_country
ORDER BY cur.ship_country;
