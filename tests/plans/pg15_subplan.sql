-- A correlated SubPlan executed once per outer row.
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT c.id, (SELECT max(o.amount) FROM orders o WHERE o.customer_id = c.id) AS top
FROM customers c WHERE c.country = 'de' AND c.id < 3000;
