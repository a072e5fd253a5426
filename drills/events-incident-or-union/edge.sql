-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Users: t15 is tenant 15's first user, a and b the first two of tenant 42.
-- * a double click: two identical events of t15, outside the outage hour
--   (UNION merges them);
-- * two events of t15 during the outage hour (UNION ALL of the two halves
--   returns them twice), one of them logged twice;
-- * an event of a logged twice during the hour (DISTINCT on the second half
--   merges them);
-- * events of a at the edges of the hour: just before 14:00, at 14:00
--   exactly, just before 15:00 and at 15:00 exactly;
-- * ties on the first ORDER BY keys whose next key disagrees with the one
--   after it (14:30: a page_view of a, a click of b; 14:31: a click on /z
--   and a page_view on /a of a; 14:32: three errors of a on /b, /a, /c),
--   so that an ORDER BY missing a key, or with one reversed, shows.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os, v.path, 100
FROM (VALUES
    (0,  3000000002, 15, 0, 'click',     TIMESTAMP '2024-03-04 10:00:00',        '/dashboard'),
    (1,  3000000001, 15, 0, 'click',     TIMESTAMP '2024-03-04 10:00:00',        '/dashboard'),
    (2,  3000000003, 15, 0, 'error',     TIMESTAMP '2024-06-12 14:20:00',        '/api/sync'),
    (3,  3000000004, 15, 0, 'page_view', TIMESTAMP '2024-06-12 14:21:00',        '/settings'),
    (4,  3000000005, 15, 0, 'page_view', TIMESTAMP '2024-06-12 14:21:00',        '/settings'),
    (5,  3000000006, 42, 0, 'error',     TIMESTAMP '2024-06-12 13:59:59.999999', '/api/sync'),
    (6,  3000000007, 42, 0, 'error',     TIMESTAMP '2024-06-12 14:00:00',        '/api/sync'),
    (7,  3000000008, 42, 0, 'error',     TIMESTAMP '2024-06-12 14:59:59.999999', '/api/sync'),
    (8,  3000000009, 42, 0, 'error',     TIMESTAMP '2024-06-12 15:00:00',        '/api/sync'),
    (9,  3000000010, 42, 0, 'search',    TIMESTAMP '2024-06-12 14:25:00',        '/search'),
    (10, 3000000011, 42, 0, 'search',    TIMESTAMP '2024-06-12 14:25:00',        '/search'),
    (11, 3000000012, 42, 0, 'page_view', TIMESTAMP '2024-06-12 14:30:00',        '/a'),
    (12, 3000000013, 42, 1, 'click',     TIMESTAMP '2024-06-12 14:30:00',        '/a'),
    (13, 3000000014, 42, 0, 'click',     TIMESTAMP '2024-06-12 14:31:00',        '/z'),
    (14, 3000000015, 42, 0, 'page_view', TIMESTAMP '2024-06-12 14:31:00',        '/a'),
    (15, 3000000016, 42, 0, 'error',     TIMESTAMP '2024-06-12 14:32:00',        '/b'),
    (16, 3000000017, 42, 0, 'error',     TIMESTAMP '2024-06-12 14:32:00',        '/a'),
    (17, 3000000018, 42, 0, 'error',     TIMESTAMP '2024-06-12 14:32:00',        '/c')
  ) AS v(ord, id, tenant_id, nth, event_type, occurred_at, path)
JOIN LATERAL (SELECT * FROM users WHERE users.tenant_id = v.tenant_id
              ORDER BY users.id OFFSET v.nth LIMIT 1) u ON true
ORDER BY v.ord;  -- written in this order
