-- attack: server file access: COPY ... FROM a server file | expect: rejected
COPY tags FROM '/etc/passwd';
SELECT 1;
