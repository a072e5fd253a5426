-- attack: transaction control: PREPARE TRANSACTION would outlive the session | expect: rejected
PREPARE TRANSACTION 'pgdrill_escape';
SELECT 1;
