SELECT p.id, p.sku,
       (SELECT count(*) FROM order_items oi WHERE oi.product_id = p.id) > 0 AS ever_ordered
FROM products p
WHERE p.id BETWEEN 695 AND 704
ORDER BY p.id;
