-- 1. A range on the bare column: orders_created_at_idx finds one day's
--    orders instead of casting every row's created_at to a date.
-- pgdrill: replace orders_of_day
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= date '2022-01-01' + :day
  AND created_at < date '2022-01-01' + :day + 1
ORDER BY id;

-- 2. Compare the bigint key with a bigint: the primary key index applies.
-- pgdrill: replace order_status
SELECT id, status, total, created_at
FROM orders
WHERE id = :order_id;

-- 3. A connection per request forks a backend each time: PgBouncer in
--    transaction mode lends each request one of a few open connections.
-- pgdrill: pool pool_mode=transaction pool_size=4
