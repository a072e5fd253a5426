-- wrong: DISTINCT over the timeline to "fix" the UNION ALL duplicates also merges the double click
SELECT DISTINCT * FROM (
  SELECT e.occurred_at, e.user_id, e.event_type, e.path
  FROM users u JOIN events e ON e.user_id = u.id
  WHERE u.tenant_id = 15
  UNION ALL
  SELECT e.occurred_at, e.user_id, e.event_type, e.path
  FROM users u JOIN events e ON e.user_id = u.id
  WHERE e.occurred_at >= TIMESTAMP '2024-06-12 14:00:00'
    AND e.occurred_at < TIMESTAMP '2024-06-12 15:00:00'
) t
ORDER BY 1, 2, 3, 4;
