-- wrong: UNION merges two real events that look alike (a double click logged twice)
SELECT e.occurred_at, e.user_id, e.event_type, e.path
FROM users u JOIN events e ON e.user_id = u.id
WHERE u.tenant_id = 15
UNION
SELECT e.occurred_at, e.user_id, e.event_type, e.path
FROM users u JOIN events e ON e.user_id = u.id
WHERE e.occurred_at >= TIMESTAMP '2024-06-12 14:00:00'
  AND e.occurred_at < TIMESTAMP '2024-06-12 15:00:00'
ORDER BY 1, 2, 3, 4;
