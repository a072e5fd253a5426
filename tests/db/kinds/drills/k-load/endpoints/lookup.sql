\set p random(0, 999)
-- pgdrill: name lookup
SELECT id, v FROM items WHERE md5(v::text) = md5(:p::text) ORDER BY id;
