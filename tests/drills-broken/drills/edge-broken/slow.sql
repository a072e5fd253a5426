SELECT id, payload FROM t WHERE id + 0 BETWEEN 4000 AND 4100 AND payload <> '' ORDER BY id;
