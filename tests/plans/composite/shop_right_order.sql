-- shop-customer-order-history answered with the = column first: the index
-- seeks customer_id and reads that customer's entries newest first.
SET max_parallel_workers_per_gather = 0; SET jit = off; SET work_mem = '4MB';
BEGIN;
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);
ANALYZE orders;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id, created_at, status, total FROM orders WHERE customer_id = 10533
ORDER BY created_at DESC, id DESC LIMIT 20;
ROLLBACK;
