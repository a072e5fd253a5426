-- Mix 19: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT count(*) FROM orders WHERE created BETWEEN '2021-01-05' AND '2021-01-20';
