-- wrong: orders counted instead of lines
CREATE INDEX order_items_product_id_idx ON order_items (product_id) INCLUDE (order_id, quantity);

SELECT count(DISTINCT order_id) AS order_lines, sum(quantity) AS units
FROM order_items
WHERE product_id = 778;
