-- attack: a session-level side effect: a cursor WITH HOLD | expect: rejected
DECLARE c CURSOR WITH HOLD FOR SELECT * FROM items;
SELECT 1;
