-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Ties at the bottom of the top ten: tenant 1949 (11th on seed 1) and tenant
-- 560 (9th) get events until they tie tenants 37 (10th) and 905 (8th): only
-- the tenant_id tie-breaker says which make the page and in what order.
INSERT INTO events (id, tenant_id, user_id, event_type, occurred_at, country, city, device, os, path, duration_ms)
SELECT 3000000000 + x.base + g, u.tenant_id, u.id, 'page_view', TIMESTAMP '2024-06-01 00:00:00' + g * interval '1 second',
       u.country, u.city, u.device, u.os, '/dashboard', 100
FROM (VALUES (0, 1949, 37), (100000, 560, 905)) AS x(base, tenant, rival)
JOIN LATERAL (SELECT min(id) AS uid FROM users WHERE tenant_id = x.tenant) m ON true
JOIN users u ON u.id = m.uid
CROSS JOIN LATERAL generate_series(1, (SELECT count(*) FROM events WHERE tenant_id = x.rival)
                                      - (SELECT count(*) FROM events WHERE tenant_id = x.tenant)) AS g;
