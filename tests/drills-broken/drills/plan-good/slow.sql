SELECT count(*) FROM t WHERE k = 7 AND k2 = 7;
