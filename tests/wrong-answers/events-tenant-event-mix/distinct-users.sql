-- wrong: users counted instead of events
CREATE INDEX events_tenant_id_event_type_idx ON events (tenant_id, event_type, user_id);

SELECT event_type, count(DISTINCT user_id) AS events
FROM events
WHERE tenant_id = 1622
GROUP BY event_type
ORDER BY event_type;
