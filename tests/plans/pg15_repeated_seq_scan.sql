-- A nested loop with a Seq Scan inside: the whole table is read once per outer row.
SET max_parallel_workers_per_gather = 0;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SET enable_material = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT c.name, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id <= 8;
