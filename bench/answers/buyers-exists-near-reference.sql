-- Near the reference (the case of issue 12: 769 buffers against 758): the
-- reference's plan shape (a nested-loop semi join probing events by
-- user_id), but the user range runs two ids further and an unindexable
-- filter in the EXISTS rejects those two users' events after reading them:
-- about 1.2% more buffers than the reference, the same rows on every seed.
SELECT u.id, u.email
FROM users u
WHERE u.id BETWEEN 4201 AND 4302
  AND EXISTS (SELECT 1 FROM events e
              WHERE e.user_id = u.id AND e.event_type = 'purchase'
                AND e.user_id + 0 <= 4300)
ORDER BY u.id;
