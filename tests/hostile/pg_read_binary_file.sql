-- attack: server file access: pg_read_binary_file in a subquery | expect: rejected
SELECT grp FROM items WHERE grp = (SELECT length(pg_read_binary_file('postgresql.conf')));
