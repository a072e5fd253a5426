-- attack: privilege escalation / network: CREATE EXTENSION dblink | expect: rejected
CREATE EXTENSION dblink;
SELECT 1;
