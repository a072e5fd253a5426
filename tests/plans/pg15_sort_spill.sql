-- A sort larger than work_mem (64kB) spills to disk; the Limit keeps 10 of 400k.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id, note FROM orders ORDER BY note, id DESC OFFSET 1000 LIMIT 10;
