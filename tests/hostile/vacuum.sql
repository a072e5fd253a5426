-- attack: VACUUM cannot run in the transaction and would change the fixture's visibility | expect: rejected | drill: probe-index
VACUUM tags;
SELECT tag FROM tags WHERE item_id = 1234;
