-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- On seed 1 no user of tenant 33 (Acme GmbH 33) hits one path with two
-- errors, so errors and distinct users are equal on every row. User 11412
-- gets a second error on /api/export (the event copies the user's tenant,
-- place and device, as every event does): count(*) for the users now
-- counts them twice.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT 3000000001, u.tenant_id, u.id, 'error', TIMESTAMP '2024-03-03 14:47:10',
       u.country, u.city, u.device, u.os, '/api/export', 2400
FROM users u
WHERE u.id = 11412;
