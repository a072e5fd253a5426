-- wrong: count(e.user_id) counts errors, not distinct users: a user who hits one path twice is counted twice
SELECT e.path, count(*) AS errors, count(e.user_id) AS users
FROM tenants t, users u, events e
WHERE u.tenant_id = t.id
  AND e.user_id = u.id
  AND t.name = 'Acme GmbH 33'
  AND e.event_type = 'error'
GROUP BY e.path
ORDER BY e.path;
