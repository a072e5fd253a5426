-- The same plan as psql prints it when pasted: header, '+' marks, footer.
SET max_parallel_workers_per_gather = 0;
\pset format aligned
\pset tuples_only off
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT c.name, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id
WHERE c.id BETWEEN 100 AND 130;
