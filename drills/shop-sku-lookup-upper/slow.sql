SELECT id, sku, name, price
FROM products
WHERE upper(sku) = upper('sku-0001234');
