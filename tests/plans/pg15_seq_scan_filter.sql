-- Seq Scan whose filter removes most rows; city and zip are correlated
-- (always equal), so the planner multiplies selectivities: 100x underestimate.
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id, amount FROM orders WHERE city = 'city7' AND zip = 'zip7';
