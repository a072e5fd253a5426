-- wrong: events joined on the tenant instead of the user: each error is counted once per user of the tenant
SELECT e.path, count(*) AS errors, count(DISTINCT e.user_id) AS users
FROM tenants t, users u, events e
WHERE u.tenant_id = t.id
  AND e.tenant_id = t.id
  AND t.name = 'Acme GmbH 33'
  AND e.event_type = 'error'
GROUP BY e.path
ORDER BY e.path;
