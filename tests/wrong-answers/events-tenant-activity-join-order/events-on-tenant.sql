-- wrong: events joined on the tenant, not the user: every user gets every event of the tenant
SELECT u.id, u.email, count(*) AS events, max(e.occurred_at) AS last_seen
FROM tenants t
JOIN users u ON u.tenant_id = t.id
JOIN events e ON e.tenant_id = t.id
WHERE t.name = 'Tyrell Group 98'
GROUP BY u.id, u.email
ORDER BY u.id;
