-- attack: an index expression calling a denied function (advisory lock at build time) | expect: rejected | drill: probe-index
CREATE INDEX ON tags ((pg_advisory_lock(item_id)));
SELECT item_id FROM tags WHERE tag = 't7' ORDER BY item_id;
