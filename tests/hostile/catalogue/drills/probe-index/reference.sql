CREATE INDEX ON tags (item_id);
SELECT tag FROM tags WHERE item_id = 1234;
