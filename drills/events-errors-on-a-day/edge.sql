-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Errors at the edges of 2024-06-01 (both midnights, half a second before
-- each), the first with the highest id so far (a range one off at either
-- end, BETWEEN ... 23:59:59, ORDER BY id all differ).
-- The last microsecond before each midnight (the seeds have whole seconds):
-- a bound moved by 1 µs, `>= '2024-05-31 23:59:59.999999'` or
-- `< '2024-06-01 23:59:59.999999'`, differs.
-- Three errors at one instant, the middle id written first, then the
-- lowest, then the highest: ORDER BY occurred_at without the id tie-breaker
-- returns them out of id order whether it sorts or scans the index.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT v.id, u.tenant_id, u.id, v.event_type, v.occurred_at, u.country, u.city, u.device, u.os,
       CASE v.event_type WHEN 'error' THEN '/api/sync' WHEN 'purchase' THEN '/billing/checkout' ELSE '/dashboard' END, 100
FROM (VALUES
    (0, 3000000001, 222, 'error', TIMESTAMP '2024-06-01 00:00:00'),
    (1, 3000000002, 222, 'error', TIMESTAMP '2024-06-01 23:59:59.5'),
    (2, 3000000003, 222, 'error', TIMESTAMP '2024-06-02 00:00:00'),
    (3, 3000000006, 222, 'error', TIMESTAMP '2024-05-31 23:59:59.5'),
    (4, 3000000008, 222, 'error', TIMESTAMP '2024-05-31 23:59:59.999999'),
    (5, 3000000009, 222, 'error', TIMESTAMP '2024-06-01 23:59:59.999999'),
    (6, 3000000005, 222, 'error', TIMESTAMP '2024-06-01 12:00:00'),
    (7, 3000000004, 222, 'error', TIMESTAMP '2024-06-01 12:00:00'),
    (8, 3000000007, 222, 'error', TIMESTAMP '2024-06-01 12:00:00')) AS v(ord, id, user_id, event_type, occurred_at)
JOIN users u ON u.id = v.user_id
ORDER BY v.ord;  -- written in this order
