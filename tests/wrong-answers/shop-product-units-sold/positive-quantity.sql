-- wrong: a filter that removes no line on the seeds
CREATE INDEX order_items_product_id_quantity_idx ON order_items (product_id) INCLUDE (quantity);

SELECT count(*) AS order_lines, sum(quantity) AS units
FROM order_items
WHERE product_id = 778 AND quantity > 0;
