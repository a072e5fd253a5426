-- Mix 21: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT (SELECT max(id) FROM customers), (SELECT min(id) FROM orders WHERE amount > (SELECT avg(amount) FROM orders WHERE id < 100));
