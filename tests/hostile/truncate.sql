-- attack: DML on the index drill, whose role is a member of the tables' owner: TRUNCATE | expect: rejected | drill: probe-index
TRUNCATE tags;
SELECT item_id FROM tags WHERE tag = 't7' ORDER BY item_id;
