WITH user_events AS MATERIALIZED (
    SELECT e.id, e.user_id, e.event_type, e.occurred_at, e.path,
           e.occurred_at - u.signed_up_at AS since_signup
    FROM events e
    JOIN users u ON u.id = e.user_id
)
SELECT event_type, count(*) AS events, min(since_signup) AS first_after_signup
FROM user_events
WHERE user_id = 737
GROUP BY event_type
ORDER BY event_type;
