-- attack: a sleep hidden in a subquery of the WHERE clause | expect: rejected
SELECT grp, count(*) AS n FROM items
WHERE (SELECT pg_sleep_for('1 hour')) IS NULL
GROUP BY grp ORDER BY grp;
