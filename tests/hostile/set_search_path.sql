-- attack: SET search_path to shadow tables or operators | expect: rejected
SET search_path = pg_temp, public;
SELECT grp, count(*) AS n FROM items GROUP BY grp ORDER BY grp;
