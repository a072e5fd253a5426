-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- An enterprise tenant created at exactly 2022-01-01 00:00:00 that bought
-- nothing (`created_at > '2022-01-01'` and an inner join drop it); one
-- created in the last microsecond of 2021, which a bound moved back by a
-- day, a second or a microsecond (`>= '2021-12-31'`, `> '2021-12-31'`) keeps.
INSERT INTO tenants (id, name, plan, created_at) VALUES
    (2000000001, 'Quiet Labs 2000000001', 'enterprise', TIMESTAMP '2022-01-01 00:00:00'),
    (2000000002, 'Eager Labs 2000000002', 'enterprise', TIMESTAMP '2021-12-31 23:59:59.999999');
-- Purchases of enterprise tenant 1861 (user 82) at the edges of December
-- (the seeds have whole seconds and every event in 2024): in the last
-- microsecond of November and at the first instant of December (`>` for
-- `>=`, a lower bound moved by a second or a microsecond either way), half
-- a second and a microsecond before the end of December (BETWEEN ...
-- 23:59:59 or 23:59:59.999, an upper bound moved back), and at the next
-- midnight (`<=` for `<`, no upper bound).
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os,
       CASE v.event_type WHEN 'error' THEN '/api/sync' WHEN 'purchase' THEN '/billing/checkout' ELSE '/dashboard' END, 100
FROM (VALUES
    (0, 3000000001, 82, 'purchase', TIMESTAMP '2024-12-31 23:59:59.5'),
    (1, 3000000002, 82, 'purchase', TIMESTAMP '2025-01-01 00:00:00'),
    (2, 3000000003, 82, 'purchase', TIMESTAMP '2024-11-30 23:59:59.999999'),
    (3, 3000000004, 82, 'purchase', TIMESTAMP '2024-12-01 00:00:00'),
    (4, 3000000005, 82, 'purchase', TIMESTAMP '2024-12-31 23:59:59.999999')) AS v(ord, id, user_id, event_type, occurred_at)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
