-- wrong: only lines with a price
SELECT p.id, p.sku,
       EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id AND oi.unit_price > 0) AS ever_ordered
FROM products p
WHERE p.id BETWEEN 695 AND 704
ORDER BY p.id;
