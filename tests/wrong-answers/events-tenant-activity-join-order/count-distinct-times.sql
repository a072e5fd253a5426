-- wrong: count(DISTINCT e.occurred_at) merges a user's events at one instant
SELECT u.id, u.email, count(DISTINCT e.occurred_at) AS events, max(e.occurred_at) AS last_seen
FROM tenants t
JOIN users u ON u.tenant_id = t.id
JOIN events e ON e.user_id = u.id
WHERE t.name = 'Tyrell Group 98'
GROUP BY u.id, u.email
ORDER BY u.id;
