-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Errors at the edges of 2024-06-01 (both midnights, half a second before
-- each), the first with the highest id so far; and two at one instant, the
-- higher id written first.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os,
       CASE v.event_type WHEN 'error' THEN '/api/sync' WHEN 'purchase' THEN '/billing/checkout' ELSE '/dashboard' END, 100
FROM (VALUES
    (0, 3000000001, 222, 'error', TIMESTAMP '2024-06-01 00:00:00'),
    (1, 3000000002, 222, 'error', TIMESTAMP '2024-06-01 23:59:59.5'),
    (2, 3000000003, 222, 'error', TIMESTAMP '2024-06-02 00:00:00'),
    (3, 3000000006, 222, 'error', TIMESTAMP '2024-05-31 23:59:59.5'),
    (4, 3000000005, 222, 'error', TIMESTAMP '2024-06-01 12:00:00'),
    (5, 3000000004, 222, 'error', TIMESTAMP '2024-06-01 12:00:00')) AS v(ord, id, user_id, event_type, occurred_at)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
