-- attack: a UNIQUE index the data violates | expect: failed | drill: probe-index
CREATE UNIQUE INDEX ON tags (tag);
SELECT tag FROM tags WHERE item_id = 1234;
