-- Parallel aggregate: per-loop times below the Gather are averaged over the processes.
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT status, count(*), sum(amount) FROM orders GROUP BY status;
