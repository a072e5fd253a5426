SELECT v, count(*) AS n, max(length(pad)) AS w FROM items GROUP BY v ORDER BY v;
