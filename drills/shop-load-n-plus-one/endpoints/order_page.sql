-- GET /orders?page=:page — a back-office page: 20 orders, then the lines of each
-- (the application reads the order ids from the first result; order ids are
-- dense, so the script computes the ids it would have read: :page * 20 + k)
\set page random(0, 6249)
-- pgdrill: name order_list
SELECT id, customer_id, created_at, status, total FROM orders
WHERE id > :page * 20 ORDER BY id LIMIT 20;
-- pgdrill: group order_lines
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 1 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 2 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 3 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 4 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 5 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 6 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 7 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 8 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 9 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 10 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 11 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 12 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 13 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 14 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 15 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 16 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 17 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 18 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 19 ORDER BY id;
SELECT order_id, product_id, quantity, unit_price FROM order_items WHERE order_id = :page * 20 + 20 ORDER BY id;
