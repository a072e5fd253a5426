-- Plain EXPLAIN (estimates only), VERBOSE and SETTINGS.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '8MB';
EXPLAIN (VERBOSE, SETTINGS, FORMAT JSON)
SELECT c.country, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.country;
