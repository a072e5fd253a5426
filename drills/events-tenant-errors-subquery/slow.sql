SELECT ue.path, count(*) AS errors, count(DISTINCT ue.user_id) AS users
FROM (SELECT e.user_id, e.event_type, e.path, u.tenant_id
      FROM events e, users u
      WHERE u.id = e.user_id) ue,
     tenants t
WHERE t.id = ue.tenant_id
  AND t.name = 'Acme GmbH 33'
  AND ue.event_type = 'error'
GROUP BY ue.path
ORDER BY ue.path;
