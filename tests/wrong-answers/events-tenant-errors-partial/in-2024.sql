-- wrong: an upper bound at the end of 2024 (every event is in 2024 on the seeds)
CREATE INDEX events_errors_tenant_occurred_at_idx ON events (tenant_id, occurred_at)
    WHERE event_type = 'error';

SELECT id, user_id, path, occurred_at
FROM events
WHERE tenant_id = 1622 AND event_type = 'error'
  AND occurred_at >= TIMESTAMP '2024-07-01' AND occurred_at < TIMESTAMP '2025-01-01'
ORDER BY occurred_at DESC, id DESC;
