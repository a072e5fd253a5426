-- attack: signalling other sessions: pg_terminate_backend of every backend | expect: rejected
SELECT pg_terminate_backend(pid) FROM pg_stat_activity;
