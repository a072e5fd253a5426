-- attack: server file access: pg_read_file | expect: rejected
SELECT pg_read_file('/etc/passwd');
