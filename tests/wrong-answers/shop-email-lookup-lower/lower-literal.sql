-- wrong: lower() dropped from the column
SELECT id, full_name, tier
FROM customers
WHERE email = lower('ines.SILVA4243@inbox.test');
