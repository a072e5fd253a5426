-- wrong: the address as stored on the seeds (emails do not depend on the seed)
SELECT id, full_name, tier
FROM customers
WHERE email = 'Ines.Silva4243@Inbox.Test';
