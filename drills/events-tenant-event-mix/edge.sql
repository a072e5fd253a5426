-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Tenant 1622: an event of 2023 (every event is in 2024 on the seeds) and
-- an event of a type the seeds never write.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os,
       CASE v.event_type WHEN 'error' THEN '/api/sync' WHEN 'purchase' THEN '/billing/checkout' ELSE '/dashboard' END, 100
FROM (VALUES
    (0, 3000000001, 222, 'page_view', TIMESTAMP '2023-12-31 23:59:59.5'),
    (1, 3000000002, 222, 'export', TIMESTAMP '2024-05-05 10:00:00')) AS v(ord, id, user_id, event_type, occurred_at)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
