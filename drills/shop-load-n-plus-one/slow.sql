-- One of the ten per-order queries of an order_page request (page 1234,
-- its first order): fast alone; the request sends ten of them.
SELECT order_id, product_id, quantity, unit_price
FROM order_items
WHERE order_id = 12341
ORDER BY id;
