SELECT u.id, u.email, u.signed_up_at
FROM users u
WHERE u.tenant_id = 15
  AND u.id NOT IN (SELECT e.user_id FROM events e WHERE e.event_type = 'page_view')
ORDER BY u.id;
