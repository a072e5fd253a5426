-- attack: set_config('role') inside a SELECT, schema-qualified | expect: rejected
SELECT pg_catalog.set_config('role', 'pgdrill_owner', false) AS r, grp FROM items LIMIT 1;
