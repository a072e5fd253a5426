-- wrong: the user's events during the hour only (AND for OR)
SELECT e.id, e.occurred_at, e.user_id, e.event_type, e.path
FROM events e
WHERE e.user_id = 80808
  AND e.occurred_at >= TIMESTAMP '2024-06-12 14:00:00'
  AND e.occurred_at < TIMESTAMP '2024-06-12 15:00:00'
ORDER BY e.id;
