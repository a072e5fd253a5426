-- attack: SET SESSION AUTHORIZATION to another role | expect: rejected
SET SESSION AUTHORIZATION pgdrill_owner;
SELECT 1;
