-- A materialized CTE read by two scans; its tuplestore exceeds work_mem
-- (64kB) and goes to temporary files.  One scan filters most rows away.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
WITH o AS MATERIALIZED (SELECT id, customer_id, amount FROM orders)
SELECT count(*) FROM o a WHERE a.amount > 99.5
UNION ALL SELECT count(*) FROM o b;
