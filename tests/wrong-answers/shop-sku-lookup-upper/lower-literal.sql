-- wrong: the literal as typed
SELECT id, sku, name, price
FROM products
WHERE sku = 'sku-0001234';
