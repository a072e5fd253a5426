-- attack: a session-level side effect: pg_notify in a SELECT | expect: rejected
SELECT pg_notify('pgdrill_channel', grp::text) FROM items;
