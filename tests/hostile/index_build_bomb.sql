-- attack: an index whose expression is a CPU bomb (the deadline covers preparatory statements) | expect: failed | drill: probe-index
CREATE INDEX ON tags (md5(repeat(tag, 3000000)));
SELECT tag FROM tags WHERE item_id = 1234;
