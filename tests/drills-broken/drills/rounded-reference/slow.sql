SELECT id, payload, id / 7.0 AS seventh FROM t WHERE id + 0 BETWEEN 4000 AND 4100 ORDER BY id;
