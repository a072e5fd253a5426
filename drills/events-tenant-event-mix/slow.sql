SELECT event_type, count(*) AS events
FROM events
WHERE tenant_id = 1622
GROUP BY event_type
ORDER BY event_type;
