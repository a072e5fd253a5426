-- Mix 16: a varied query whose exclusive times must add up to the root's
-- total (test_plan_corpus.c).
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
WITH a AS (SELECT * FROM orders WHERE id < 1000), b AS MATERIALIZED (SELECT * FROM a WHERE amount > 50) SELECT count(*) FROM b, (SELECT max(amount) m FROM a) z WHERE b.amount < z.m;
