SELECT k, count(*) AS n, min(payload) AS first_payload FROM t WHERE id BETWEEN 1 AND 5000 GROUP BY k LIMIT 20;
