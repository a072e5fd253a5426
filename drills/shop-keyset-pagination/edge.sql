-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- The page after order 200000 must hold what only a keyset on
-- (created_at, id) gets right, while OFFSET 200000 still skips exactly the
-- orders up to that key.  Every time is another order's, never a literal:
-- order dates depend on the scale, and the drill holds at every scale
-- (order n is the n-th by (created_at, id) under every seed and scale).
--  * order 150000 moves into the page, tied with order 200010 (a keyset on
--    id alone, or created_at >= AND id >, misses it), and order 249990 moves
--    before the key in exchange (one out, one in);
--  * orders at the very instant of the key, after it by id (created_at >
--    misses them): order 200001, placed in the same second as 200000 (a key
--    moved to 200001 skips it), and a later one;
--  * two orders at one instant, the higher id written first (an ORDER BY
--    without the id tie-breaker returns them in the order they were written).
UPDATE orders SET created_at = (SELECT created_at FROM orders WHERE id = 200010) WHERE id = 150000;
UPDATE orders SET created_at = (SELECT created_at FROM orders WHERE id = 100000) + interval '0.5 second'
WHERE id = 249990;
UPDATE orders SET created_at = (SELECT created_at FROM orders WHERE id = 200000) WHERE id = 200001;
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total)
SELECT 3000000003, 103, 'delivered', created_at, NULL, 'US', NULL, 13.0 FROM orders WHERE id = 200000;
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000003, 3000000003, 1, 1, 13.0);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total)
SELECT v.id, v.customer_id, 'delivered', o.created_at, NULL, 'US', NULL, v.total
FROM (VALUES (3000000002, 102, 12.0, 1), (3000000001, 101, 11.0, 2)) v(id, customer_id, total, written),
     orders o
WHERE o.id = 200015
ORDER BY v.written;
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000002, 3000000002, 1, 1, 12.0),
    (3000000001, 3000000001, 1, 1, 11.0);
