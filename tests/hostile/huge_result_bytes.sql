-- attack: a huge result (bytes): stopped by the byte cap | expect: failed
SELECT repeat('x', 1000000) FROM generate_series(1, 100000) g;
