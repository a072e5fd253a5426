-- wrong: only 2024's page views count (a page view from 2023 is still a page view)
SELECT u.id, u.email, u.signed_up_at
FROM users u
WHERE u.tenant_id = 15
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id AND e.event_type = 'page_view'
                  AND e.occurred_at >= TIMESTAMP '2024-01-01')
ORDER BY u.id;
