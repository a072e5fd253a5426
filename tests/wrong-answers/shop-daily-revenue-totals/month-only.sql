-- wrong: date_part month = 12 without the year (every order of a December)
SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders
FROM orders
WHERE date_part('month', created_at) = 12
  AND status <> 'cancelled'
GROUP BY 1
ORDER BY 1;
