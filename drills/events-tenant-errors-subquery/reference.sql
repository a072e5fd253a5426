SELECT e.path, count(*) AS errors, count(DISTINCT e.user_id) AS users
FROM tenants t, users u, events e
WHERE u.tenant_id = t.id
  AND e.user_id = u.id
  AND t.name = 'Acme GmbH 33'
  AND e.event_type = 'error'
GROUP BY e.path
ORDER BY e.path;
