SELECT id, user_id, path, occurred_at
FROM events
WHERE tenant_id = 754 AND event_type = 'error'
ORDER BY occurred_at DESC, id DESC
LIMIT 20;
