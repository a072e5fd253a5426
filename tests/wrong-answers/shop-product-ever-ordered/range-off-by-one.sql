-- wrong: the range shortened by one
SELECT p.id, p.sku,
       EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id) AS ever_ordered
FROM products p
WHERE p.id >= 695 AND p.id < 704
ORDER BY p.id;
