-- attack: server program execution: COPY ... TO PROGRAM | expect: rejected
COPY items TO PROGRAM 'touch /tmp/pgdrill-pwned';
SELECT 1;
