-- wrong: count(DISTINCT id) for the events
CREATE MATERIALIZED VIEW daily_activity AS
SELECT occurred_at::date AS day, count(DISTINCT user_id) AS active_users, count(DISTINCT tenant_id) AS events
FROM events
GROUP BY 1;

SELECT day, active_users, events
FROM daily_activity
ORDER BY day;
