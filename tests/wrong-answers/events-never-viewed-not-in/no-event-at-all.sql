-- wrong: users without any event, not users without a page view (the event type is dropped)
SELECT u.id, u.email, u.signed_up_at
FROM users u
WHERE u.tenant_id = 15
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id)
ORDER BY u.id;
