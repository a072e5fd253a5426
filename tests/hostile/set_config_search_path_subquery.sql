-- attack: set_config of search_path hidden in a scalar subquery | expect: rejected
SELECT grp, count(*) AS n FROM items
WHERE (SELECT set_config('search_path', 'pg_temp', false)) IS NOT NULL
GROUP BY grp ORDER BY grp;
