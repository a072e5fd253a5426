SELECT u.id, u.email, u.signed_up_at
FROM users u
WHERE u.tenant_id = 15
  AND NOT EXISTS (SELECT 1 FROM events e
                  WHERE e.user_id = u.id AND e.event_type = 'page_view')
ORDER BY u.id;
