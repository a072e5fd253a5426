-- wrong: an address is unique, so LIMIT 1 (unique only as typed)
CREATE INDEX customers_lower_email_idx ON customers (lower(email));

SELECT id, full_name, tier
FROM customers
WHERE lower(email) = lower('ines.SILVA4243@inbox.test')
LIMIT 1;
