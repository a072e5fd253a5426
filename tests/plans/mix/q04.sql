-- Mix 04: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
WITH t AS MATERIALIZED (SELECT customer_id, count(*) n FROM orders GROUP BY 1) SELECT * FROM t a JOIN t b ON a.customer_id = b.customer_id + 1 WHERE a.n > 19 LIMIT 100;
