-- attack: SET statement_timeout = 0 to lift the server-side backstop | expect: rejected
SET statement_timeout = 0;
SELECT count(*) FROM generate_series(1, 1000000000);
