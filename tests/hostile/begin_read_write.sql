-- attack: transaction control: BEGIN READ WRITE to lift READ ONLY | expect: rejected
BEGIN READ WRITE;
SELECT grp, count(*) AS n FROM items GROUP BY grp ORDER BY grp;
