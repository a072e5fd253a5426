-- attack: transaction control: SAVEPOINT / ROLLBACK TO | expect: rejected
SAVEPOINT s;
ROLLBACK TO SAVEPOINT s;
SELECT 1;
