-- A bitmap scan over many pages with work_mem at 64kB: the bitmap goes lossy.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
SET enable_seqscan = off;
SET enable_indexscan = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT count(*) FROM orders WHERE created < timestamptz '2021-04-01' AND status = 'paid';
