SELECT e.user_id, u.email, count(*) AS errors
FROM events e
JOIN users u ON u.id = e.user_id
WHERE e.event_type = 'error' AND e.occurred_at >= TIMESTAMP '2024-12-01'
GROUP BY e.user_id, u.email
ORDER BY errors DESC, e.user_id
LIMIT 10;
