-- attack: transaction control: SET TRANSACTION READ WRITE | expect: rejected
SET TRANSACTION READ WRITE;
SELECT 1;
