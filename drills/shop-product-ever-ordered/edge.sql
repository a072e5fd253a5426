-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Products of the range that seed 1 never sold get one line each, with
-- quantity 0 and price 0, in a cancelled order: ordered all the same.
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000001, 101, 'cancelled', TIMESTAMP '2024-06-01 10:00:00', NULL, 'US', NULL, 0);
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price)
SELECT 3000000000 + p.id, 3000000001, p.id, 0, 0
FROM products p
WHERE p.id BETWEEN 695 AND 704
  AND NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id);
-- Not a row: an index on order_items.product_id, on the edge case only (rows
-- never depend on an index, and time is measured on the pristine seeds).
-- The count and the EXISTS then read one product's lines instead of the
-- whole table, so a mutant that drops the id range (5,000 products instead
-- of 10) runs in a second here and seed 1's own products kill it, instead
-- of running past the mutant deadline.
CREATE INDEX order_items_product_id_edge_idx ON order_items (product_id);
