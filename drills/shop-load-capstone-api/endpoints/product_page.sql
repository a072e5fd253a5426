-- GET /products/:product — one product by its primary key
\set product random(1, 2500)
-- pgdrill: name product_page
SELECT id, sku, name, price FROM products WHERE id = :product;
