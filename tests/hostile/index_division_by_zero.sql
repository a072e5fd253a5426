-- attack: an index expression that errors while building (division by zero) | expect: failed | drill: probe-index
CREATE INDEX ON tags ((item_id / 0));
SELECT tag FROM tags WHERE item_id = 1234;
