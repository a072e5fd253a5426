-- Edge rows for events-tenant-activity-join-order: a new user of tenant 98
-- (Tyrell Group 98 on seed 1) with two events at one instant, which the
-- seeds never have (their events are a second or more apart): a count of
-- distinct times instead of events counts them once.
INSERT INTO users (id, tenant_id, email, country, city, device, os, signed_up_at)
VALUES (3000000001, 98, 'user3000000001@tenant98.test', 'DE', 'Berlin', 'iPhone', 'iOS',
        TIMESTAMP '2024-05-01 09:00:00');
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
VALUES (3000000001, 98, 3000000001, 'page_view', TIMESTAMP '2024-06-12 10:15:30', 'DE', 'Berlin', 'iPhone', 'iOS', '/dashboard', 840),
       (3000000002, 98, 3000000001, 'click', TIMESTAMP '2024-06-12 10:15:30', 'DE', 'Berlin', 'iPhone', 'iOS', '/projects', 120);
