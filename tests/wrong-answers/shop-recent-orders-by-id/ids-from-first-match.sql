-- wrong: "ids grow with time": every id from the first match on, so an order keyed in late with an earlier time comes along
SELECT id, customer_id, status, created_at, total
FROM orders
WHERE id >= (SELECT min(id) FROM orders WHERE created_at >= TIMESTAMP '2024-12-24 00:00:00')
ORDER BY id
LIMIT 20;
