CREATE MATERIALIZED VIEW v_counts AS
    SELECT v, count(*) AS n, max(length(pad)) AS w FROM items GROUP BY v;
SELECT v, n, w FROM v_counts ORDER BY v;
