-- The query of pg15_repeated_seq_scan.sql with the planner's defaults: the
-- reference plan for the diff tests (index lookups instead of full scans).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT c.name, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id <= 8;
