-- Mix 09: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id FROM customers WHERE id < 100 INTERSECT SELECT customer_id FROM orders WHERE id < 100000;
