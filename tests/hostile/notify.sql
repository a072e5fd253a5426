-- attack: a session-level side effect: NOTIFY | expect: rejected
NOTIFY pgdrill_channel, 'hello';
SELECT 1;
