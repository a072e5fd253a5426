-- wrong: LEFT JOIN events keeps the tenant's users without errors, as a row with a NULL path
SELECT e.path, count(*) AS errors, count(DISTINCT e.user_id) AS users
FROM tenants t
JOIN users u ON u.tenant_id = t.id
LEFT JOIN events e ON e.user_id = u.id AND e.event_type = 'error'
WHERE t.name = 'Acme GmbH 33'
GROUP BY e.path
ORDER BY e.path;
