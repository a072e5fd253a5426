-- wrong: events per user counted instead of distinct users
CREATE MATERIALIZED VIEW daily_activity AS
SELECT occurred_at::date AS day, count(user_id) AS active_users, count(*) AS events
FROM events
GROUP BY 1;

SELECT day, active_users, events
FROM daily_activity
ORDER BY day;
