-- attack: DML: MERGE into a fixture table | expect: rejected
MERGE INTO items i USING tags t ON i.id = t.item_id
WHEN MATCHED THEN DELETE;
