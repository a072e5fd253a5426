-- attack: server configuration: ALTER SYSTEM | expect: rejected
ALTER SYSTEM SET fsync = on;
SELECT 1;
