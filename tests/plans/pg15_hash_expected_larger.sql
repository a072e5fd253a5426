-- A semi join (EXISTS) keeps the outer side (customers with id < 100, 99
-- rows) probing, so the planner hashes the 400,000 orders, and its
-- estimates say it knows: no estimate to fix, hash_larger_input must not
-- fire (it used to say "the planner expected the other way round").
SET max_parallel_workers_per_gather = 0;
SET enable_nestloop = off;
SET enable_mergejoin = off;
SET enable_hashagg = off;
SET enable_sort = off;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT c.id FROM customers c WHERE c.id < 100
AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);
