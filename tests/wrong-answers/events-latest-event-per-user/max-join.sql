-- wrong: joining to each user's max(occurred_at) keeps every event tied at that instant
CREATE INDEX events_tenant_user_time_idx ON events (tenant_id, user_id, occurred_at);

SELECT e.user_id, e.id, e.event_type, e.path, e.occurred_at
FROM events e
JOIN (SELECT user_id, max(occurred_at) AS last_at
      FROM events
      WHERE tenant_id = 24
      GROUP BY user_id) m ON m.user_id = e.user_id AND m.last_at = e.occurred_at
WHERE e.tenant_id = 24
ORDER BY e.user_id;
