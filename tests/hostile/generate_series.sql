-- attack: a generate_series bomb (cut by the deadline) | expect: failed
SELECT count(*) FROM generate_series(1, 100000000000) g;
