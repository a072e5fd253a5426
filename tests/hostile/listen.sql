-- attack: a session-level side effect: LISTEN registration | expect: rejected
LISTEN pgdrill_channel;
SELECT 1;
