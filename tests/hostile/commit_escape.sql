-- attack: transaction control: COMMIT then DML outside the rolled-back transaction | expect: rejected
COMMIT;
DELETE FROM items;
SELECT 1;
