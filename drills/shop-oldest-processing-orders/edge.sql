-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Processing orders are all from the last month on the seeds. Here:
--  * one stuck since June, with the highest id: it comes first by time and
--    last by id (ORDER BY id is not ORDER BY created_at), and a filter that
--    assumes "processing means December" loses it;
--  * three at one instant, just after it, written middle id, lowest,
--    highest: an ORDER BY without the id tie-breaker returns them in the
--    order they were written (or its reverse), never the id order.
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000009, 109, 'processing', TIMESTAMP '2024-06-14 11:20:00', NULL, 'US', NULL, 19.0),
    (3000000002, 102, 'processing', TIMESTAMP '2024-11-29 16:00:00', NULL, 'US', NULL, 12.0),
    (3000000001, 101, 'processing', TIMESTAMP '2024-11-29 16:00:00', NULL, 'US', NULL, 11.0),
    (3000000003, 103, 'processing', TIMESTAMP '2024-11-29 16:00:00', NULL, 'US', NULL, 13.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000009, 3000000009, 1, 1, 19.0),
    (3000000002, 3000000002, 1, 1, 12.0),
    (3000000001, 3000000001, 1, 1, 11.0),
    (3000000003, 3000000003, 1, 1, 13.0);
