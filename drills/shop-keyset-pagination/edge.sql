-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- The page after (2024-07-16 02:25:59, 200000) must hold what only a keyset
-- on (created_at, id) gets right, while OFFSET 200000 still skips exactly the
-- orders up to that key (the reference's constants stay true):
--  * order 150000 moves into the page, tied with order 200010 (a keyset on
--    id alone, or created_at >= AND id >, misses it), and order 249990 moves
--    before the key in exchange (one out, one in);
--  * orders at the very instant of the key, after it by id (created_at >
--    misses them): order 200001, placed in the same second as 200000 (a key
--    moved to 200001 skips it), and a later one;
--  * two orders at one instant, the higher id written first (an ORDER BY
--    without the id tie-breaker returns them in the order they were written).
UPDATE orders SET created_at = TIMESTAMP '2024-07-16 03:16:03' WHERE id = 150000;
UPDATE orders SET created_at = TIMESTAMP '2023-01-01 00:00:00.5' WHERE id = 249990;
UPDATE orders SET created_at = TIMESTAMP '2024-07-16 02:25:59' WHERE id = 200001;
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000003, 103, 'delivered', TIMESTAMP '2024-07-16 02:25:59', NULL, 'US', NULL, 13.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000003, 3000000003, 1, 1, 13.0);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000002, 102, 'delivered', TIMESTAMP '2024-07-16 03:41:05', NULL, 'US', NULL, 12.0),
    (3000000001, 101, 'delivered', TIMESTAMP '2024-07-16 03:41:05', NULL, 'US', NULL, 11.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000002, 3000000002, 1, 1, 12.0),
    (3000000001, 3000000001, 1, 1, 11.0);
