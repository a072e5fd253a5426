-- Mix 06: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT country, rank() OVER (ORDER BY count(*) DESC) FROM customers GROUP BY country;
