-- wrong: BETWEEN ... 23:59:59.999 (the millisecond habit) misses an error in the last microseconds of the day
SELECT id, tenant_id, user_id, path, occurred_at
FROM events
WHERE occurred_at BETWEEN TIMESTAMP '2024-06-01' AND TIMESTAMP '2024-06-01 23:59:59.999'
  AND event_type = 'error'
ORDER BY occurred_at, id;
