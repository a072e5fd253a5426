-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Tenant 1622's errors: one at exactly 2024-07-01 00:00:00 and one at the
-- next new year (every event is in 2024 on the seeds), both with ids that
-- do not follow time; three at one instant, written middle id, lowest,
-- highest (neither that order nor its reverse is the id order); and one a
-- microsecond before 2024-07-01 (a start moved back by a second or by a
-- microsecond takes it in).
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os,
       CASE v.event_type WHEN 'error' THEN '/api/sync' WHEN 'purchase' THEN '/billing/checkout' ELSE '/dashboard' END, 100
FROM (VALUES
    (0, 3000000001, 222, 'error', TIMESTAMP '2024-07-01 00:00:00'),
    (1, 3000000002, 222, 'error', TIMESTAMP '2025-01-01 00:00:00'),
    (2, 3000000004, 222, 'error', TIMESTAMP '2024-09-15 12:00:00'),
    (3, 3000000003, 222, 'error', TIMESTAMP '2024-09-15 12:00:00'),
    (4, 3000000005, 222, 'error', TIMESTAMP '2024-09-15 12:00:00'),
    (5, 3000000006, 222, 'error', TIMESTAMP '2024-06-30 23:59:59.999999')) AS v(ord, id, user_id, event_type, occurred_at)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
