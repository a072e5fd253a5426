SELECT kind, count(*) AS movements, sum(qty) AS units
FROM movements
WHERE item_id <= 100
GROUP BY kind
ORDER BY kind;
