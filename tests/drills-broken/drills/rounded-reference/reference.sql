SELECT id, payload, round(id / 7.0, 6) AS seventh FROM t WHERE id BETWEEN 4000 AND 4100 ORDER BY id;
