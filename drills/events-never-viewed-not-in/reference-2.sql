SELECT u.id, u.email, u.signed_up_at
FROM users u
LEFT JOIN events e ON e.user_id = u.id AND e.event_type = 'page_view'
WHERE u.tenant_id = 15
  AND e.id IS NULL
ORDER BY u.id;
