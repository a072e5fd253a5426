-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Another customer typed the same address in lower case (a unique index on
-- email does not stop it): the lookup must find both.
INSERT INTO customers (id, email, full_name, country, city, tier, marketing_opt_in, created_at) VALUES
    (3000000001, 'ines.silva4243@inbox.test', 'Ines Silva', 'PT', 'Lisbon', 'standard', false, TIMESTAMP '2024-02-29 12:00:00');
