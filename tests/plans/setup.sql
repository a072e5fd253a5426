CREATE TABLE customers (id int PRIMARY KEY, name text, country text, created date);
INSERT INTO customers SELECT g, 'c' || g, (ARRAY['de','fr','us','jp','br'])[1 + g % 5], date '2020-01-01' + g % 1000 FROM generate_series(1, 20000) g;
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, amount numeric(10,2), status text, city text, zip text, created timestamptz, note text);
INSERT INTO orders SELECT g, 1 + (g::bigint * 7919) % 20000, (g % 1000) / 10.0, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4],
  'city' || (g % 100), 'zip' || (g % 100), timestamptz '2021-01-01' + (g || ' minutes')::interval, repeat('x', 50)
  FROM generate_series(1, 400000) g;
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_created_idx ON orders (created);
CREATE TABLE items (order_id int, sku int, qty int);
INSERT INTO items SELECT 1 + g % 400000, g % 5000, 1 + g % 7 FROM generate_series(1, 800000) g;
VACUUM ANALYZE;
