-- The index finds rows by customer; the status filter then removes 75% of them.
SET max_parallel_workers_per_gather = 0;
SET enable_bitmapscan = off;
SET enable_seqscan = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id, amount FROM orders WHERE customer_id < 150 AND status = 'paid';
