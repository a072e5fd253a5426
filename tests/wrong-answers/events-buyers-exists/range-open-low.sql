-- wrong: the range without its first id
SELECT u.id, u.email
FROM users u
WHERE u.id > 4201 AND u.id <= 4300
  AND EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id AND e.event_type = 'purchase')
ORDER BY u.id;
