-- An empty payload: the reference forgot the slow query's filter, which
-- removes no row on the seeds.
UPDATE t SET payload = '' WHERE id = 4050;
