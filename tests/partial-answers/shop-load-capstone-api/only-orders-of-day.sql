-- partial: only the orders_of_day rewrite; order_status still scans, every request still connects
-- 1. A range on the bare column: orders_created_at_idx finds one day's
--    orders instead of casting every row's created_at to a date.
-- pgdrill: replace orders_of_day
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= date '2022-01-01' + :day
  AND created_at < date '2022-01-01' + :day + 1
ORDER BY id;

