-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Orders at the edges of both days: each midnight that starts a day (in),
-- half a second before it (out), half a second before the next midnight
-- (in) and that midnight (out); timestamps are whole seconds on the seeds.
-- A GB customer's gift shipped to IE on Black Friday only (no sales the
-- week before: NULLs, not zeros, and the row must survive the join), one
-- shipped to PT the week before only (not listed), and a cancelled order
-- to AT on Black Friday (not a sale: AT is not listed).  A microsecond
-- before each midnight (an application that stores now() keeps
-- microseconds): kills a bound moved by 1 us.  Two US orders at one instant
-- for the same amount: two sales, not one (a DISTINCT in the CTE merges
-- them).
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000001, 101, 'delivered', TIMESTAMP '2024-11-29 00:00:00', NULL, 'US', NULL, 101.00),
    (3000000002, 102, 'delivered', TIMESTAMP '2024-11-28 23:59:59.5', NULL, 'US', NULL, 102.00),
    (3000000003, 103, 'delivered', TIMESTAMP '2024-11-29 23:59:59.5', NULL, 'DE', NULL, 103.00),
    (3000000004, 104, 'delivered', TIMESTAMP '2024-11-30 00:00:00', NULL, 'DE', NULL, 104.00),
    (3000000005, 105, 'delivered', TIMESTAMP '2024-11-22 00:00:00', NULL, 'US', NULL, 105.00),
    (3000000006, 106, 'delivered', TIMESTAMP '2024-11-21 23:59:59.5', NULL, 'US', NULL, 106.00),
    (3000000007, 107, 'delivered', TIMESTAMP '2024-11-22 23:59:59.5', NULL, 'DE', NULL, 107.00),
    (3000000008, 108, 'delivered', TIMESTAMP '2024-11-23 00:00:00', NULL, 'DE', NULL, 108.00),
    (3000000009, (SELECT min(id) FROM customers WHERE country = 'GB'), 'shipped',
     TIMESTAMP '2024-11-29 15:30:00', TIMESTAMP '2024-11-30 09:00:00', 'IE', NULL, 109.00),
    (3000000010, (SELECT min(id) FROM customers WHERE country = 'ES'), 'delivered',
     TIMESTAMP '2024-11-22 11:00:00', TIMESTAMP '2024-11-23 10:00:00', 'PT', NULL, 110.00),
    (3000000011, (SELECT min(id) FROM customers WHERE country = 'DE'), 'cancelled',
     TIMESTAMP '2024-11-29 12:00:00', NULL, 'AT', NULL, 111.00),
    (3000000012, 112, 'delivered', TIMESTAMP '2024-11-28 23:59:59.999999', NULL, 'US', NULL, 112.00),
    (3000000013, 113, 'delivered', TIMESTAMP '2024-11-29 23:59:59.999999', NULL, 'DE', NULL, 113.00),
    (3000000014, 114, 'delivered', TIMESTAMP '2024-11-21 23:59:59.999999', NULL, 'US', NULL, 114.00),
    (3000000015, 115, 'delivered', TIMESTAMP '2024-11-22 23:59:59.999999', NULL, 'DE', NULL, 115.00),
    (3000000016, 116, 'delivered', TIMESTAMP '2024-11-29 18:00:00', NULL, 'US', NULL, 116.00),
    (3000000017, 117, 'delivered', TIMESTAMP '2024-11-29 18:00:00', NULL, 'US', NULL, 116.00);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price)
SELECT id, id, 1, 1, total FROM orders WHERE id BETWEEN 3000000001 AND 3000000017;
