SELECT id, payload FROM t WHERE id < 0 ORDER BY id;
