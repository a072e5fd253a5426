-- A materialized CTE read by two CTE Scans, plus an InitPlan used by a scan below the owner.
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
WITH big AS MATERIALIZED (SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id)
SELECT a.customer_id, a.total, b.total
FROM big a JOIN big b ON b.customer_id = a.customer_id + 1
WHERE a.total > (SELECT avg(amount) * 20 FROM orders WHERE status = 'paid');
