-- wrong: (day - 1, day] is the day before, plus its midnight: not the day asked for
-- pgdrill: replace orders_of_day
SELECT id, customer_id, status, total
FROM orders
WHERE created_at > date '2022-01-01' + :day - 1
  AND created_at <= date '2022-01-01' + :day
ORDER BY id;
-- pgdrill: replace order_status
SELECT id, status, total, created_at FROM orders WHERE id = :order_id;
-- pgdrill: pool pool_mode=transaction pool_size=4
