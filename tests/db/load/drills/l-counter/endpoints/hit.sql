\set p random(1, 100)
-- pgdrill: name bump
UPDATE items SET v = v + 1 WHERE id = 1;
\sleep 2 ms
