-- wrong: the id read off the sku (sku = SKU-<id> on the seeds)
SELECT id, sku, name, price
FROM products
WHERE id = 1234;
