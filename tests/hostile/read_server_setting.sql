-- attack: reading a superuser-only setting (privilege wall: data_directory) | expect: failed
SELECT current_setting('data_directory') AS grp, 1 AS n;
