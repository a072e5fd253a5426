-- Mix 23: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT i.sku, count(*) FROM items i JOIN orders o ON o.id = i.order_id WHERE o.customer_id < 50 GROUP BY i.sku ORDER BY 2 DESC LIMIT 5;
