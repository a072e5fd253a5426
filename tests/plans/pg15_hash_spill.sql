-- A hash join whose hash table exceeds work_mem (64kB): several batches.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT o.id, i.qty FROM orders o JOIN items i ON i.order_id = o.id WHERE i.sku < 2500;
