-- attack: SET work_mem to a huge value to lift the memory bound | expect: rejected
SET work_mem = '2TB';
SELECT grp, count(*) AS n FROM items GROUP BY grp ORDER BY grp;
