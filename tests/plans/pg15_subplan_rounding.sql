-- A SubPlan in the target list run 499 times at 0.002 ms per loop (as printed):
-- 0.998 ms in all, more than its parent's 0.951 ms — EXPLAIN's rounding.
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT o.*, (SELECT name FROM customers c WHERE c.id = o.customer_id) FROM orders o WHERE o.id < 500;
