-- attack: another database through dblink (not installed, and denied) | expect: rejected
SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS t(x int);
