-- JIT forced on a short query (jit_above_cost = 0): compiling costs more than running.
SET max_parallel_workers_per_gather = 0;
SET jit = on;
SET jit_above_cost = 0;
SET jit_inline_above_cost = 0;
SET jit_optimize_above_cost = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT country, count(*), sum(id) FROM customers WHERE id < 5000 GROUP BY country;
