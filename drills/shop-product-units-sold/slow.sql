SELECT count(*) AS order_lines, sum(quantity) AS units
FROM order_items
WHERE product_id = 778;
