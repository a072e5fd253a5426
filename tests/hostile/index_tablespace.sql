-- attack: an index in the pg_global tablespace (privilege wall: no CREATE on tablespaces) | expect: failed | drill: probe-index
CREATE INDEX ON tags (tag) TABLESPACE pg_global;
SELECT tag FROM tags WHERE item_id = 1234;
