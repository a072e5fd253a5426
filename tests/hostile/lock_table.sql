-- attack: LOCK TABLE ... ACCESS EXCLUSIVE blocking other sessions | expect: rejected | drill: probe-index
LOCK TABLE tags IN ACCESS EXCLUSIVE MODE;
SELECT tag FROM tags WHERE item_id = 1234;
