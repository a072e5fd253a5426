-- Mix 24: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT * FROM customers c WHERE c.id < 1000 AND (SELECT sum(amount) FROM orders o WHERE o.customer_id = c.id) > 900;
