-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Three new users of tenant 15: one with no event at all, one with only a
-- click and an error (no page view: still "never viewed"), one whose only
-- page view is in 2023 (every seed event is in 2024: it has viewed a page).
INSERT INTO users (id, tenant_id, email, country, city, device, os, signed_up_at)
VALUES (3000000002, 15, 'edge-none@tenant15.test',   'SE', 'Uppsala', 'Windows PC', 'Windows', TIMESTAMP '2024-02-01 09:00:00'),
       (3000000001, 15, 'edge-clicks@tenant15.test', 'SE', 'Uppsala', 'Windows PC', 'Windows', TIMESTAMP '2024-02-01 09:00:00'),
       (3000000003, 15, 'edge-2023@tenant15.test',   'SE', 'Uppsala', 'Windows PC', 'Windows', TIMESTAMP '2023-12-01 09:00:00');
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
VALUES (3000000001, 15, 3000000001, 'click',     TIMESTAMP '2024-03-01 10:00:00', 'SE', 'Uppsala', 'Windows PC', 'Windows', '/dashboard', 100),
       (3000000002, 15, 3000000001, 'error',     TIMESTAMP '2024-03-01 10:00:01', 'SE', 'Uppsala', 'Windows PC', 'Windows', '/api/sync', 100),
       (3000000003, 15, 3000000003, 'page_view', TIMESTAMP '2023-12-31 23:59:59.5', 'SE', 'Uppsala', 'Windows PC', 'Windows', '/dashboard', 100);
