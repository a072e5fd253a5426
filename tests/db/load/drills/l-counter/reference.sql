CREATE TABLE bumps (p integer NOT NULL);
-- pgdrill: replace bump
INSERT INTO bumps (p) VALUES (:p);
-- pgdrill: replace counter
SELECT (v + (SELECT count(*) FROM bumps))::integer AS v FROM items WHERE id = 1;
