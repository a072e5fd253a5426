-- Twelve joins searched exhaustively (no GEQO, collapse limits raised) around a
-- condition that finds nothing at run time: planning dwarfs execution.
SET max_parallel_workers_per_gather = 0;
SET join_collapse_limit = 20;
SET from_collapse_limit = 20;
SET geqo = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT count(*) FROM customers c1
JOIN customers c2 ON c2.id = c1.id JOIN customers c3 ON c3.id = c2.id
JOIN customers c4 ON c4.id = c3.id JOIN customers c5 ON c5.id = c4.id
JOIN customers c6 ON c6.id = c5.id JOIN customers c7 ON c7.id = c6.id
JOIN customers c8 ON c8.id = c7.id JOIN customers c9 ON c9.id = c8.id
JOIN customers c10 ON c10.id = c9.id JOIN customers c11 ON c11.id = c10.id
JOIN customers c12 ON c12.id = c11.id
WHERE c1.id = -1;
