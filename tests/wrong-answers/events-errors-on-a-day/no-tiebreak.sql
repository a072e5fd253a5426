-- wrong: ORDER BY occurred_at without the id tie-breaker
SELECT id, tenant_id, user_id, path, occurred_at
FROM events
WHERE occurred_at >= TIMESTAMP '2024-06-01' AND occurred_at < TIMESTAMP '2024-06-02'
  AND event_type = 'error'
ORDER BY occurred_at;
