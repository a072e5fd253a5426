-- attack: an advisory lock taken in a subquery of the WHERE clause | expect: rejected
SELECT grp, count(*) AS n FROM items WHERE id IN (SELECT item_id FROM tags WHERE pg_try_advisory_lock(item_id) AND tag = 't3') GROUP BY grp ORDER BY grp;
