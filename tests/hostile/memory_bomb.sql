-- attack: a memory bomb: one huge array aggregate | expect: failed
SELECT array_length(array_agg(repeat('x', 1000)), 1) FROM generate_series(1, 1000000000) g;
