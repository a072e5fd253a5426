-- partial: only the order_status rewrite; orders_of_day still scans, every request still connects
-- 2. Compare the bigint key with a bigint: the primary key index applies.
-- pgdrill: replace order_status
SELECT id, status, total, created_at
FROM orders
WHERE id = :order_id;

