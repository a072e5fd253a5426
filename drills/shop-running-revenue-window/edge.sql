-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Three orders at one instant, written middle id, lowest, highest, with ids
-- past every seed's: orders at one instant count one at a time in id order
-- (not as peers, nor in the order a sort left them), and id order is not
-- placing order.  An order at exactly midnight opens its day's total; the
-- week's edges: both midnights and half a second before each (timestamps
-- are whole seconds on the seeds), and a microsecond before each midnight
-- of the week's edges (an application that stores now() keeps microseconds).
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000022, 122, 'delivered', TIMESTAMP '2024-11-27 12:00:00.5', NULL, 'US', NULL, 22.00),
    (3000000021, 121, 'delivered', TIMESTAMP '2024-11-27 12:00:00.5', NULL, 'US', NULL, 21.00),
    (3000000023, 123, 'delivered', TIMESTAMP '2024-11-27 12:00:00.5', NULL, 'US', NULL, 23.00),
    (3000000024, 124, 'delivered', TIMESTAMP '2024-11-28 00:00:00', NULL, 'US', NULL, 24.00),
    (3000000025, 125, 'delivered', TIMESTAMP '2024-11-25 00:00:00', NULL, 'US', NULL, 25.00),
    (3000000026, 126, 'delivered', TIMESTAMP '2024-11-24 23:59:59.5', NULL, 'US', NULL, 26.00),
    (3000000027, 127, 'delivered', TIMESTAMP '2024-12-01 23:59:59.5', NULL, 'US', NULL, 27.00),
    (3000000028, 128, 'delivered', TIMESTAMP '2024-12-02 00:00:00', NULL, 'US', NULL, 28.00),
    (3000000029, 129, 'delivered', TIMESTAMP '2024-11-24 23:59:59.999999', NULL, 'US', NULL, 29.00),
    (3000000030, 130, 'delivered', TIMESTAMP '2024-12-01 23:59:59.999999', NULL, 'US', NULL, 30.00);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price)
SELECT id, id, 1, 1, total FROM orders WHERE id BETWEEN 3000000021 AND 3000000030;
