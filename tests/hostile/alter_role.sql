-- attack: privilege escalation: ALTER ROLE ... SUPERUSER | expect: rejected
ALTER ROLE pgdrill_learner SUPERUSER;
SELECT 1;
