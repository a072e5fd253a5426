-- A hash aggregate over more groups than work_mem (64kB) holds.
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
SET enable_sort = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT order_id, sum(qty) FROM items GROUP BY order_id;
