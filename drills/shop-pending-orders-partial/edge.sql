-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Pending orders are all from the last week on the seeds: one stuck since
-- June (with the highest id), two at one instant, the higher id written
-- first, and three at another instant, written middle id, lowest, highest
-- (a sort without the id tie-breaker returns them in neither id order).
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000002, 102, 'pending', TIMESTAMP '2024-12-28 12:00:00', NULL, 'US', NULL, 12.0),
    (3000000001, 101, 'pending', TIMESTAMP '2024-12-28 12:00:00', NULL, 'US', NULL, 11.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000002, 3000000002, 1, 1, 12.0),
    (3000000001, 3000000001, 1, 1, 11.0);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000003, 103, 'pending', TIMESTAMP '2024-06-01 09:00:00', NULL, 'US', NULL, 13.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000003, 3000000003, 1, 1, 13.0);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000005, 105, 'pending', TIMESTAMP '2024-12-30 08:00:00', NULL, 'US', NULL, 15.0),
    (3000000004, 104, 'pending', TIMESTAMP '2024-12-30 08:00:00', NULL, 'US', NULL, 14.0),
    (3000000006, 106, 'pending', TIMESTAMP '2024-12-30 08:00:00', NULL, 'US', NULL, 16.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000005, 3000000005, 1, 1, 15.0),
    (3000000004, 3000000004, 1, 1, 14.0),
    (3000000006, 3000000006, 1, 1, 16.0);
