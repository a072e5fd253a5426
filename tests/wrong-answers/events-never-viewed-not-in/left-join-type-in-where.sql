-- wrong: the event type in WHERE instead of ON keeps users with any other event (and repeats them)
SELECT u.id, u.email, u.signed_up_at
FROM users u
LEFT JOIN events e ON e.user_id = u.id
WHERE u.tenant_id = 15
  AND e.event_type IS DISTINCT FROM 'page_view'
ORDER BY u.id;
