-- attack: DML hidden in a CTE nested inside a subquery | expect: rejected
SELECT * FROM (
  WITH i AS (INSERT INTO tags VALUES (1, 't3') RETURNING item_id)
  SELECT item_id FROM i
) s;
