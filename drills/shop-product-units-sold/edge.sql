-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- A line of product 778 with quantity 0 (a line still, no units).
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000001, 101, 'cancelled', TIMESTAMP '2024-06-01 10:00:00', NULL, 'US', NULL, 0);
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000001, 3000000001, 778, 0, 0);
