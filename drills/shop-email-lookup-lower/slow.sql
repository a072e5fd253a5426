SELECT id, full_name, tier
FROM customers
WHERE lower(email) = lower('ines.SILVA4243@inbox.test');
