-- wrong: the six known event types listed (no other type exists on the seeds)
CREATE INDEX events_tenant_id_event_type_idx ON events (tenant_id, event_type);

SELECT event_type, count(*) AS events
FROM events
WHERE tenant_id = 1622
  AND event_type IN ('page_view', 'click', 'search', 'error', 'purchase', 'signup')
GROUP BY event_type
ORDER BY event_type;
