-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Two VIPs in Sweden: one who never ordered, and one whose order with the
-- highest id is not their latest.
INSERT INTO customers (id, email, full_name, country, city, tier, marketing_opt_in, created_at) VALUES
    (3000000001, 'astrid.lind@example.com', 'Astrid Lind', 'SE', 'Stockholm', 'vip', true, TIMESTAMP '2024-11-30 23:59:59.5'),
    (3000000002, 'nils.berg@example.com', 'Nils Berg', 'SE', 'Uppsala', 'vip', false, TIMESTAMP '2022-03-01 00:00:00');
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000010, 3000000002, 'delivered', TIMESTAMP '2024-05-01 10:00:00', NULL, 'US', NULL, 10.0),
    (3000000011, 3000000002, 'delivered', TIMESTAMP '2023-01-01 10:00:00', NULL, 'US', NULL, 11.0);
-- one line each, so that an order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000010, 3000000010, 1, 1, 10.0),
    (3000000011, 3000000011, 1, 1, 11.0);
