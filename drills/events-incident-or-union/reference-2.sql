SELECT t.occurred_at, t.user_id, t.event_type, t.path
FROM (SELECT e.id, e.occurred_at, e.user_id, e.event_type, e.path
      FROM users u
      JOIN events e ON e.user_id = u.id
      WHERE u.tenant_id = 15
      UNION
      SELECT e.id, e.occurred_at, e.user_id, e.event_type, e.path
      FROM events e
      JOIN users u ON u.id = e.user_id
      WHERE e.occurred_at >= TIMESTAMP '2024-06-12 14:00:00'
        AND e.occurred_at < TIMESTAMP '2024-06-12 15:00:00') AS t
ORDER BY t.occurred_at, t.user_id, t.event_type, t.path;
