-- Statistics gone stale: visits was analyzed while kind was 0 everywhere, then
-- every row became kind = 1.  The planner expects 1 visit, hashes it, and
-- gets 100,000 rows to hash against 4,999 customers probing.
SET max_parallel_workers_per_gather = 0;
SET enable_mergejoin = off;
SET enable_nestloop = off;
CREATE TEMP TABLE visits AS SELECT 1 + g % 20000 AS customer_id, 0 AS kind FROM generate_series(1, 100000) g;
ANALYZE visits;
UPDATE visits SET kind = 1;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT c.name, v.kind FROM customers c JOIN visits v ON v.customer_id = c.id
WHERE c.id < 5000 AND v.kind = 1;
