-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Tenant 1861's event with the highest id is an old one; tenant 100's two
-- latest events share an instant, the higher id written first. Tenant 1622's
-- latest event (id ...30) is followed by three at one earlier instant, written
-- middle id, lowest, highest: the page takes two of them, the highest ids
-- (without the id tie-breaker, or with it ascending, a scan picks others),
-- and shows ...30 first though its id is the lowest (ordered by id, it comes
-- last).
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os,
       CASE v.event_type WHEN 'error' THEN '/api/sync' WHEN 'purchase' THEN '/billing/checkout' ELSE '/dashboard' END, 100
FROM (VALUES
    (0, 3000000010, 82, 'click', TIMESTAMP '2024-03-01 10:00:00'),
    (1, 3000000021, 1, 'click', TIMESTAMP '2024-12-31 23:59:59.5'),
    (2, 3000000020, 1, 'page_view', TIMESTAMP '2024-12-31 23:59:59.5'),
    (3, 3000000030, 222, 'purchase', TIMESTAMP '2024-12-31 21:00:00'),
    (4, 3000000032, 222, 'click', TIMESTAMP '2024-12-31 20:30:00'),
    (5, 3000000031, 222, 'page_view', TIMESTAMP '2024-12-31 20:30:00'),
    (6, 3000000033, 222, 'error', TIMESTAMP '2024-12-31 20:30:00')) AS v(ord, id, user_id, event_type, occurred_at)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
