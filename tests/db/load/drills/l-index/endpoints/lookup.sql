\set p random(0, 999)
-- pgdrill: name lookup
SELECT id, v FROM items WHERE id % 1000 = :p ORDER BY id;
