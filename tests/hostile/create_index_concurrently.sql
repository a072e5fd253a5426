-- attack: CREATE INDEX CONCURRENTLY commits on its own, outside the rolled-back transaction | expect: rejected | drill: probe-index
CREATE INDEX CONCURRENTLY ON tags (item_id);
SELECT tag FROM tags WHERE item_id = 1234;
