-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Product 1234 was renamed and its sku given to a new product; and a sku
-- that starts like it (a prefix match is not equality, nor is the id the sku).
UPDATE products SET sku = 'SKU-0001234-OLD' WHERE id = 1234;
INSERT INTO products (id, sku, name, category, price, active, created_at) VALUES
    (2000000001, 'SKU-0001234', 'Classic Book 2000000001', 'books', 12.50, true, TIMESTAMP '2024-12-01 00:00:00'),
    (2000000002, 'SKU-00012345', 'Classic Book 2000000002', 'books', 13.50, true, TIMESTAMP '2024-12-01 00:00:00');
