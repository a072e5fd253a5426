-- Mix 13: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT status, percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders GROUP BY status;
