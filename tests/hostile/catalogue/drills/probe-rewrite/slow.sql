SELECT grp, count(*) AS n
FROM items i
WHERE grp < 2
  AND (SELECT count(*) FROM tags t WHERE t.item_id = i.id AND t.tag = 't3') > 0
GROUP BY grp
ORDER BY grp;
