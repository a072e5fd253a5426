-- attack: a session-level side effect: a temporary table | expect: rejected
CREATE TEMP TABLE t AS SELECT * FROM items;
SELECT 1;
