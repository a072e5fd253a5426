-- ORDER BY a column without an index, LIMIT 10: top-N heapsort of every row.
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id, amount FROM orders ORDER BY amount DESC LIMIT 10;
