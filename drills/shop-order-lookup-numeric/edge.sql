-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- An order id past 2^31: a cast of the column to integer fails on it.
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000001, 101, 'delivered', TIMESTAMP '2024-06-01 10:00:00', NULL, 'US', NULL, 11.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000001, 3000000001, 1, 1, 11.0);
