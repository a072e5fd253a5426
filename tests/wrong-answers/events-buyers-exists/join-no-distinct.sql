-- wrong: DISTINCT dropped from the join
SELECT u.id, u.email
FROM users u
JOIN events e ON e.user_id = u.id
WHERE u.id BETWEEN 4201 AND 4300 AND e.event_type = 'purchase'
ORDER BY u.id;
