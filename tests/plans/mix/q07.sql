-- Mix 07: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT * FROM customers c CROSS JOIN LATERAL (SELECT * FROM orders o WHERE o.customer_id = c.id ORDER BY amount DESC LIMIT 2) x WHERE c.id < 300;
