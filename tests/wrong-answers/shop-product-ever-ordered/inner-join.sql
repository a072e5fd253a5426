-- wrong: an inner join (drops the never-ordered product)
SELECT DISTINCT p.id, p.sku, true AS ever_ordered
FROM products p
JOIN order_items oi ON oi.product_id = p.id
WHERE p.id BETWEEN 695 AND 704
ORDER BY p.id;
