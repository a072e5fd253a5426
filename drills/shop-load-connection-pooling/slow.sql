-- One product_page request (product 42); the query is not the problem.
SELECT id, sku, name, price FROM products WHERE id = 42;
