-- attack: a session-level side effect: a prepared statement | expect: rejected
PREPARE p AS SELECT 1;
EXECUTE p;
