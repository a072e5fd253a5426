-- Stale statistics say lookups has 10 distinct customer ids (analyzed before the
-- UPDATE), so the planner puts a Memoize cache on the inner side; in fact
-- every id is distinct and the cache never hits.
SET max_parallel_workers_per_gather = 0;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
CREATE TEMP TABLE lookups AS SELECT g AS id, 1 + g % 10 AS customer_id FROM generate_series(1, 20000) g;
ANALYZE lookups;
UPDATE lookups SET customer_id = id;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT sum(length(c.name)) FROM lookups l JOIN customers c ON c.id = l.customer_id;
