-- An index-only scan on a table never vacuumed: the visibility map is empty,
-- so every row is checked in the heap (a temp table: autovacuum never visits it).
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE fresh AS SELECT g AS id, g % 100 AS grp FROM generate_series(1, 50000) g;
CREATE INDEX fresh_grp_id ON fresh (grp, id);
ANALYZE fresh;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT grp, count(id) FROM fresh WHERE grp < 50 GROUP BY grp;
