SELECT u.id, u.email, count(*) AS events, max(e.occurred_at) AS last_seen
FROM events e
JOIN users u ON u.id = e.user_id
JOIN tenants t ON t.id = u.tenant_id
WHERE t.name = 'Tyrell Group 98'
GROUP BY u.id, u.email
ORDER BY u.id;
