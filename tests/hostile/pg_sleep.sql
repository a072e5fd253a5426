-- attack: a sleep: pg_sleep | expect: rejected
SELECT pg_sleep(3600);
