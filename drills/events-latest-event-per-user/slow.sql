SELECT DISTINCT ON (e.user_id) e.user_id, e.id, e.event_type, e.path, e.occurred_at
FROM events e
WHERE e.tenant_id = 24
ORDER BY e.user_id, e.occurred_at DESC, e.id DESC;
