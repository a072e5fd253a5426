-- One query for the lines of every order on the page instead of one query
-- per order: the twenty ids are a range (an ORM's "preload" would send them as
-- order_id = ANY(...)).  The index on order_items (order_id) serves both.
-- pgdrill: replace order_lines
SELECT order_id, product_id, quantity, unit_price
FROM order_items
WHERE order_id BETWEEN :page * 20 + 1 AND :page * 20 + 20
ORDER BY order_id, id;
