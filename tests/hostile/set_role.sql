-- attack: SET ROLE to the tables' owner | expect: rejected
SET ROLE pgdrill_owner;
SELECT 1;
