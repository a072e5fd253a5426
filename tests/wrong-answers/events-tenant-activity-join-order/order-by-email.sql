-- wrong: ORDER BY email sorts as text ('user1005@...' before 'user98@...'), not by user id
SELECT u.id, u.email, count(*) AS events, max(e.occurred_at) AS last_seen
FROM tenants t
JOIN users u ON u.tenant_id = t.id
JOIN events e ON e.user_id = u.id
WHERE t.name = 'Tyrell Group 98'
GROUP BY u.id, u.email
ORDER BY u.email;
