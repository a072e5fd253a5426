-- wrong: initcap() of the address (the capitals on the seeds)
SELECT id, full_name, tier
FROM customers
WHERE email = 'Ines.Silva4243@' || initcap('inbox.test');
