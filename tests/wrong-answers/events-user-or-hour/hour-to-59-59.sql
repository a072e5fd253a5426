-- wrong: the hour ends at 14:59:59, missing an event at 14:59:59.999999
SELECT e.id, e.occurred_at, e.user_id, e.event_type, e.path
FROM events e
WHERE e.user_id = 80808
   OR e.occurred_at BETWEEN TIMESTAMP '2024-06-12 14:00:00' AND TIMESTAMP '2024-06-12 14:59:59'
ORDER BY e.id;
