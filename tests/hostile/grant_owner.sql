-- attack: privilege escalation: GRANT the owner role to the learner | expect: rejected
GRANT pgdrill_owner TO pgdrill_learner;
SELECT 1;
