-- wrong: after the last whole second of June (an error within that second is still June)
CREATE INDEX events_errors_tenant_occurred_at_idx ON events (tenant_id, occurred_at)
    WHERE event_type = 'error';

SELECT id, user_id, path, occurred_at
FROM events
WHERE tenant_id = 1622 AND event_type = 'error'
  AND occurred_at > TIMESTAMP '2024-06-30 23:59:59'
ORDER BY occurred_at DESC, id DESC;
