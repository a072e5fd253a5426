-- wrong: only lines with a positive quantity (every line has one on the seeds)
SELECT p.id, p.sku,
       EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id AND oi.quantity > 0) AS ever_ordered
FROM products p
WHERE p.id BETWEEN 695 AND 704
ORDER BY p.id;
