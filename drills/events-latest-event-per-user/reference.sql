CREATE INDEX events_tenant_user_latest_idx ON events (tenant_id, user_id, occurred_at DESC, id DESC);

SELECT DISTINCT ON (e.user_id) e.user_id, e.id, e.event_type, e.path, e.occurred_at
FROM events e
WHERE e.tenant_id = 24
ORDER BY e.user_id, e.occurred_at DESC, e.id DESC;
