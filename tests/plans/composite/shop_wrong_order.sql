-- shop-customer-order-history answered with the columns the wrong way round:
-- the B-tree is ordered by created_at, so customer_id (the = condition) is
-- not sought; the backward scan walks the index until 20 rows match.
SET max_parallel_workers_per_gather = 0; SET jit = off; SET work_mem = '4MB';
BEGIN;
CREATE INDEX orders_created_at_customer_id_idx ON orders (created_at, customer_id);
ANALYZE orders;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
SELECT id, created_at, status, total FROM orders WHERE customer_id = 10533
ORDER BY created_at DESC, id DESC LIMIT 20;
ROLLBACK;
