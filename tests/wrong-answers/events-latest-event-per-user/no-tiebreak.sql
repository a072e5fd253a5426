-- wrong: without the id tie-breaker, of several events at one instant the scan's first is kept
CREATE INDEX events_tenant_user_latest_idx ON events (tenant_id, user_id, occurred_at DESC);

SELECT DISTINCT ON (e.user_id) e.user_id, e.id, e.event_type, e.path, e.occurred_at
FROM events e
WHERE e.tenant_id = 24
ORDER BY e.user_id, e.occurred_at DESC;
