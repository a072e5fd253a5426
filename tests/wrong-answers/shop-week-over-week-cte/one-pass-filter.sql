-- wrong: one pass over both days with FILTER lists countries that only sold the week before, and gives 0 instead of NULL
SELECT ship_country,
       count(*) FILTER (WHERE created_at >= TIMESTAMP '2024-11-29') AS orders,
       sum(total) FILTER (WHERE created_at >= TIMESTAMP '2024-11-29') AS revenue,
       count(*) FILTER (WHERE created_at < TIMESTAMP '2024-11-23') AS orders_week_before,
       sum(total) FILTER (WHERE created_at < TIMESTAMP '2024-11-23') AS revenue_week_before
FROM orders
WHERE ((created_at >= TIMESTAMP '2024-11-29' AND created_at < TIMESTAMP '2024-11-30')
       OR (created_at >= TIMESTAMP '2024-11-22' AND created_at < TIMESTAMP '2024-11-23'))
  AND status <> 'cancelled'
GROUP BY ship_country
ORDER BY ship_country;
