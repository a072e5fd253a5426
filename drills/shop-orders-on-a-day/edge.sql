-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Orders at the edges of 2024-03-15: both midnights, 23:59:59 and half a
-- second later (timestamps are whole seconds on the seeds), and half a second
-- before the day.  Ids past 2^31, so that ORDER BY created_at is not ORDER BY id.
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000001, 101, 'delivered', TIMESTAMP '2024-03-15 00:00:00', NULL, 'US', NULL, 11.0),
    (3000000002, 102, 'delivered', TIMESTAMP '2024-03-15 23:59:59', NULL, 'US', NULL, 12.0),
    (3000000003, 103, 'delivered', TIMESTAMP '2024-03-15 23:59:59.5', NULL, 'US', NULL, 13.0),
    (3000000004, 104, 'delivered', TIMESTAMP '2024-03-16 00:00:00', NULL, 'US', NULL, 14.0),
    (3000000005, 105, 'delivered', TIMESTAMP '2024-03-14 23:59:59.5', NULL, 'US', NULL, 15.0);
-- A microsecond before each midnight (an application that stores now() keeps
-- microseconds): the last order of the day is in, the last one of the day
-- before is out.  Kills a bound moved by 1 us (>= '2024-03-14 23:59:59.999999',
-- < '2024-03-15 23:59:59.999999') and an end of day written to the
-- millisecond (BETWEEN ... '2024-03-15 23:59:59.999').
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000006, 106, 'delivered', TIMESTAMP '2024-03-15 23:59:59.999999', NULL, 'US', NULL, 16.0),
    (3000000007, 107, 'delivered', TIMESTAMP '2024-03-14 23:59:59.999999', NULL, 'US', NULL, 17.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000001, 3000000001, 1, 1, 11.0),
    (3000000002, 3000000002, 1, 1, 12.0),
    (3000000003, 3000000003, 1, 1, 13.0),
    (3000000004, 3000000004, 1, 1, 14.0),
    (3000000005, 3000000005, 1, 1, 15.0),
    (3000000006, 3000000006, 1, 1, 16.0),
    (3000000007, 3000000007, 1, 1, 17.0);
