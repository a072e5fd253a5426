SELECT kind, count(*) AS movements, sum(qty) AS units
FROM movements
GROUP BY kind
ORDER BY kind;
