SELECT i.grp, count(*) AS n
FROM items i
JOIN tags t ON t.item_id = i.id
WHERE i.grp < 2 AND t.tag = 't3'
GROUP BY i.grp
ORDER BY i.grp;
