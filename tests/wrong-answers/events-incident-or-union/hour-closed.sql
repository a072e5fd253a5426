-- wrong: the outage hour closed at 15:00 (BETWEEN includes an event at 15:00:00 exactly)
SELECT e.occurred_at, e.user_id, e.event_type, e.path
FROM users u JOIN events e ON e.user_id = u.id
WHERE u.tenant_id = 15
UNION ALL
SELECT e.occurred_at, e.user_id, e.event_type, e.path
FROM users u JOIN events e ON e.user_id = u.id
WHERE e.occurred_at BETWEEN TIMESTAMP '2024-06-12 14:00:00' AND TIMESTAMP '2024-06-12 15:00:00'
  AND u.tenant_id <> 15
ORDER BY 1, 2, 3, 4;
