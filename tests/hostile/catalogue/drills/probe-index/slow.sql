SELECT tag FROM tags WHERE item_id = 1234;
