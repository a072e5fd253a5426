-- attack: SET LOCAL lock_timeout / statement_timeout | expect: rejected
SET LOCAL statement_timeout = 0;
SELECT 1;
