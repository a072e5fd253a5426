-- attack: a sort spilling to temporary files (temp_file_limit or the deadline) | expect: failed
SELECT count(*) FROM (SELECT DISTINCT md5(g::text) || repeat('x', 2000) FROM generate_series(1, 1000000000) g) s;
