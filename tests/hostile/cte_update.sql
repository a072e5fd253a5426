-- attack: DML hidden in a CTE: UPDATE of the graded table | expect: rejected
WITH u AS (UPDATE items SET grp = 0 RETURNING id)
SELECT grp, count(*) AS n FROM items GROUP BY grp ORDER BY grp;
