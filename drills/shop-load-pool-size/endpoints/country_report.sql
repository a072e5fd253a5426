-- GET /reports/countries/:country — orders and revenue by status for one
-- shipping country: a report that reads the whole orders table by nature
-- (the large countries hold a third of the rows)
\set country random(1, 14)
-- pgdrill: name country_report
SELECT status, count(*) AS orders, sum(total) AS revenue
FROM orders
WHERE ship_country = (ARRAY['US', 'DE', 'GB', 'FR', 'CA', 'NL', 'ES', 'IT', 'AU', 'SE',
                            'PL', 'BR', 'JP', 'IN'])[:country]
GROUP BY status
ORDER BY status;
