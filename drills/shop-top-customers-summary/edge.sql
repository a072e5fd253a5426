-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- New customers whose delivered orders tie the top four spenders of seed 1
-- exactly: only the customer_id tie-breaker orders the page.
INSERT INTO customers (id, email, full_name, country, city, tier, marketing_opt_in, created_at)
SELECT 3000000000 + g, 'tie' || g || '@example.com', 'Tie ' || g, 'US', 'Austin', 'vip', false, TIMESTAMP '2022-01-01 00:00:00'
FROM generate_series(1, 4) AS g;
INSERT INTO orders (id, customer_id, status, created_at, shipped_at, ship_country, coupon_code, total)
SELECT 3000000000 + r, 3000000000 + r, 'delivered', TIMESTAMP '2024-06-01 10:00:00', TIMESTAMP '2024-06-02 10:00:00', 'US', NULL, spent
FROM (SELECT row_number() OVER (ORDER BY sum(total) DESC, customer_id) AS r, sum(total) AS spent
      FROM orders WHERE status = 'delivered' GROUP BY customer_id
      ORDER BY sum(total) DESC, customer_id LIMIT 4) top;
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price)
SELECT id, id, 1, 1, total FROM orders WHERE id BETWEEN 3000000001 AND 3000000004;
