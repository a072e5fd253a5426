-- attack: an index on a system catalog (ownership wall: the drill's tables only) | expect: failed | drill: probe-index
CREATE INDEX ON pg_catalog.pg_class (relname);
SELECT tag FROM tags WHERE item_id = 1234;
