-- attack: a session-level side effect: an advisory lock survives ROLLBACK | expect: rejected
SELECT pg_advisory_lock(42), grp FROM items LIMIT 1;
