-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Order ids and times do not depend on the seed: 247570 is the last order
-- before 2024-12-24, 247571 the first after it. On the seeds ids follow
-- time exactly; here they do not quite:
--  * 247571 is moved to exactly 2024-12-24 00:00:00 (a start written with
--    > instead of >= loses it);
--  * 247570 is moved to 2024-12-23 23:59:59.999999, one microsecond before
--    the period (a start moved back by a second or a microsecond gains it);
--  * 247573, in the middle of the first batch by id, was keyed in late with
--    the time of the call, 2024-12-20 (an answer that takes "ids from the
--    first match on" keeps it);
--  * 3000000001, imported with a new id, is dated 2024-12-24 00:00:00: by
--    id it is last, by time first (ORDER BY created_at is not ORDER BY id).
UPDATE orders SET created_at = TIMESTAMP '2024-12-24 00:00:00' WHERE id = 247571;
UPDATE orders SET created_at = TIMESTAMP '2024-12-23 23:59:59.999999' WHERE id = 247570;
UPDATE orders SET created_at = TIMESTAMP '2024-12-20 10:00:00' WHERE id = 247573;
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total) VALUES
    (3000000001, 101, 'processing', TIMESTAMP '2024-12-24 00:00:00', NULL, 'US', NULL, 11.0);
-- one line, so that the order's total stays the sum of its lines
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price) VALUES
    (3000000001, 3000000001, 1, 1, 11.0);
