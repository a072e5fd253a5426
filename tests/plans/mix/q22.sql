-- Mix 22: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT * FROM (SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY amount DESC) rn FROM orders WHERE customer_id < 500) x WHERE rn = 1;
