-- attack: privilege escalation: a SECURITY DEFINER function created by the owner's member | expect: rejected | drill: probe-index
CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
SELECT f();
