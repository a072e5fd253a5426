\set p random(0, 99)
-- pgdrill: name head
SELECT count(*) AS n FROM items WHERE id % 1000 = :p;
-- pgdrill: group rows
SELECT id, v FROM items WHERE id = :p * 3 + 1;
SELECT id, v FROM items WHERE id = :p * 3 + 2;
SELECT id, v FROM items WHERE id = :p * 3 + 3;
