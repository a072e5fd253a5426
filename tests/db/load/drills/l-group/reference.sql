-- The group of three statements as one, read from a materialized view (the
-- learner role must be able to read what the setup created).
CREATE MATERIALIZED VIEW items_copy AS SELECT id, v FROM items;
-- pgdrill: replace rows
SELECT id, v FROM items_copy WHERE id BETWEEN :p * 3 + 1 AND :p * 3 + 3;
