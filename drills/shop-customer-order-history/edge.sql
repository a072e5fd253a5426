-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Customer 10533's page must need the tie-breaker and the time order:
--  * most of their orders since 2023 go to customer 10534, so the 20 latest
--    reach back before 2023 (a date filter that removed none on the seeds
--    now removes some);
--  * three orders at one instant, written middle id, lowest, highest: an
--    ORDER BY without the id tie-breaker returns them in the order they were
--    written or its reverse (a backward index scan), neither the id order;
--  * an old order with the highest id (ORDER BY id is not ORDER BY time);
--  * three more orders at one instant where the page ends (20th to 22nd),
--    written middle id, lowest, highest: only the id tie-breaker says which
--    one makes the page (and without it the sort upsets the first three).
UPDATE orders SET customer_id = 10534
WHERE customer_id = 10533 AND created_at >= TIMESTAMP '2023-01-01'
  AND id NOT IN (SELECT id FROM orders WHERE customer_id = 10533 ORDER BY created_at DESC, id DESC LIMIT 8);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000002, 10533, 'delivered', TIMESTAMP '2024-12-20 10:00:00', NULL, 'US', NULL, 12.0),
    (3000000001, 10533, 'delivered', TIMESTAMP '2024-12-20 10:00:00', NULL, 'US', NULL, 11.0),
    (3000000004, 10533, 'delivered', TIMESTAMP '2024-12-20 10:00:00', NULL, 'US', NULL, 14.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000002, 3000000002, 1, 1, 12.0),
    (3000000001, 3000000001, 1, 1, 11.0),
    (3000000004, 3000000004, 1, 1, 14.0);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000003, 10533, 'delivered', TIMESTAMP '2022-01-05 08:00:00', NULL, 'US', NULL, 13.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000003, 3000000003, 1, 1, 13.0);
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000006, 10533, 'delivered', TIMESTAMP '2022-03-01 09:00:00', NULL, 'US', NULL, 16.0),
    (3000000005, 10533, 'delivered', TIMESTAMP '2022-03-01 09:00:00', NULL, 'US', NULL, 15.0),
    (3000000007, 10533, 'delivered', TIMESTAMP '2022-03-01 09:00:00', NULL, 'US', NULL, 17.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000006, 3000000006, 1, 1, 16.0),
    (3000000005, 3000000005, 1, 1, 15.0),
    (3000000007, 3000000007, 1, 1, 17.0);
