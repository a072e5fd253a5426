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
-- Not a row: an index on orders.customer_id, on the edge case only (rows
-- never depend on an index, and time is measured on the pristine seeds).
-- The slow query's subquery then reads one customer's orders instead of the
-- whole table, so a mutant that drops or negates the tier or the country
-- filter (~1,500 customers instead of 45) runs in milliseconds here and
-- seed 1's own customers kill it, instead of running past the mutant
-- deadline; every check reads the slow query's rows here faster too.
CREATE INDEX orders_customer_id_edge_idx ON orders (customer_id);
