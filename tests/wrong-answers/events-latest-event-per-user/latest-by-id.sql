-- wrong: the highest id taken as the latest event (ids and time grow together on the seeds)
CREATE INDEX events_tenant_user_id_idx ON events (tenant_id, user_id, id DESC);

SELECT DISTINCT ON (e.user_id) e.user_id, e.id, e.event_type, e.path, e.occurred_at
FROM events e
WHERE e.tenant_id = 24
ORDER BY e.user_id, e.id DESC;
