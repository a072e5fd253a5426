-- One country_report request (Germany), as the endpoint runs it; the query
-- is not what to fix.
SELECT status, count(*) AS orders, sum(total) AS revenue
FROM orders
WHERE ship_country = 'DE'
GROUP BY status
ORDER BY status;
