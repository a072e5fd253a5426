-- wrong: the range has no upper bound, so it returns every order from that day on
-- pgdrill: replace orders_of_day
SELECT id, customer_id, status, total
FROM orders
WHERE created_at >= date '2022-01-01' + :day
ORDER BY id;
-- pgdrill: replace order_status
SELECT id, status, total, created_at FROM orders WHERE id = :order_id;
-- pgdrill: pool pool_mode=transaction pool_size=4
