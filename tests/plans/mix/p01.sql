-- Parallel mix 01: per-loop times below the Gather are averaged over the
-- processes; exclusive times must still add up (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 4;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET min_parallel_index_scan_size = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT count(*) FROM orders o JOIN items i ON i.order_id = o.id WHERE i.qty > 3;
