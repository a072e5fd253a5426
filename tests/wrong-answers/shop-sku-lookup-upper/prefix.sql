-- wrong: a LIKE prefix instead of equality
SELECT id, sku, name, price
FROM products
WHERE sku LIKE 'SKU-0001234%';
