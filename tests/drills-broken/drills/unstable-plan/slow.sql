SELECT count(*) FROM t WHERE b = 1;
