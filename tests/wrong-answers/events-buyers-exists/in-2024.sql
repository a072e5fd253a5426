-- wrong: purchases in 2024 only (every event is in 2024 on the seeds)
SELECT u.id, u.email
FROM users u
WHERE u.id BETWEEN 4201 AND 4300
  AND EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id AND e.event_type = 'purchase' AND e.occurred_at >= TIMESTAMP '2024-01-01')
ORDER BY u.id;
