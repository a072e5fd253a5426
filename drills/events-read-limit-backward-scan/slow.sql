SELECT id, user_id, path, occurred_at
FROM events
WHERE tenant_id = 1622 AND event_type = 'signup'
ORDER BY occurred_at DESC, id DESC
LIMIT 20;
