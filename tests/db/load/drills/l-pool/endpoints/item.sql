\set id random(1, 10000)
-- pgdrill: name item
SELECT id, v FROM items WHERE id = :id;
