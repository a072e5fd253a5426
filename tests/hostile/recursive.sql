-- attack: an unbounded recursive CTE (cut by the deadline) | expect: failed
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
SELECT count(*) FROM r;
