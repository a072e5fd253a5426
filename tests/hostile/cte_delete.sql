-- attack: DML hidden in a CTE: DELETE ... RETURNING feeding a SELECT | expect: rejected
WITH d AS (DELETE FROM items RETURNING id)
SELECT count(*) FROM d;
