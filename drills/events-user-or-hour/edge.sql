-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- * events of user 80808 during the hour (UNION ALL of the two halves
--   returns them twice) and just outside it;
-- * events of another user (80809) at the edges of the hour: just before
--   14:00, at 14:00 exactly, just before 15:00 and at 15:00 exactly.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os, v.path, 100
FROM (VALUES
    (0, 3000000001, 80808, 'error',     TIMESTAMP '2024-06-12 14:20:00',        '/api/sync'),
    (1, 3000000002, 80808, 'page_view', TIMESTAMP '2024-06-12 14:21:00',        '/settings'),
    (2, 3000000003, 80808, 'page_view', TIMESTAMP '2024-06-12 13:59:59.999999', '/settings'),
    (3, 3000000004, 80808, 'page_view', TIMESTAMP '2024-06-12 15:00:00',        '/settings'),
    (4, 3000000005, 80809, 'error',     TIMESTAMP '2024-06-12 13:59:59.999999', '/api/sync'),
    (5, 3000000006, 80809, 'error',     TIMESTAMP '2024-06-12 14:00:00',        '/api/sync'),
    (6, 3000000007, 80809, 'error',     TIMESTAMP '2024-06-12 14:59:59.999999', '/api/sync'),
    (7, 3000000008, 80809, 'error',     TIMESTAMP '2024-06-12 15:00:00',        '/api/sync')
  ) AS v(ord, id, user_id, event_type, occurred_at, path)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
