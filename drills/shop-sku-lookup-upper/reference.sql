SELECT id, sku, name, price
FROM products
WHERE sku = upper('sku-0001234');
