-- attack: a CPU bomb in a single function call (regexp_replace over 100 MB, cut by the deadline) | expect: failed
SELECT regexp_replace(repeat('x', 100000000), 'x', 'yy', 'g') AS grp, 1 AS n;
