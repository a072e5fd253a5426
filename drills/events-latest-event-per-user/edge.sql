-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- A user of tenant 24 gets three events at one instant after all of theirs,
-- written middle id, lowest, highest: the highest id is the last event (a
-- scan without the id tie-breaker meets them in the order they were
-- written, so DISTINCT ON keeps the middle one).  Another user
-- gets an event with the highest id of all but an old timestamp: ids are
-- not time order.  Both users are the tenant's first two with events.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os, v.path, 100
FROM (VALUES
    (0, 3000000102, 0, 'click', TIMESTAMP '2024-12-31 23:59:59.5', '/settings'),
    (1, 3000000101, 0, 'page_view', TIMESTAMP '2024-12-31 23:59:59.5', '/dashboard'),
    (2, 3000000103, 0, 'search', TIMESTAMP '2024-12-31 23:59:59.5', '/search'),
    (3, 3000000110, 1, 'signup', TIMESTAMP '2024-01-01 00:00:01', '/signup')) AS v(ord, id, nth, event_type, occurred_at, path)
JOIN (SELECT u.*, row_number() OVER (ORDER BY u.id) - 1 AS nth
      FROM users u
      WHERE u.tenant_id = 24 AND EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id)) u
  ON u.nth = v.nth
ORDER BY v.ord;  -- written in this order
