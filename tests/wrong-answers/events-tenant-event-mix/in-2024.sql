-- wrong: events of 2024 only (every event is in 2024 on the seeds)
CREATE INDEX events_tenant_id_event_type_idx ON events (tenant_id, event_type, occurred_at);

SELECT event_type, count(*) AS events
FROM events
WHERE tenant_id = 1622 AND occurred_at >= TIMESTAMP '2024-01-01'
GROUP BY event_type
ORDER BY event_type;
