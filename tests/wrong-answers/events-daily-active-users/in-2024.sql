-- wrong: the view keeps 2024 only (every event is in 2024 on the seeds)
CREATE MATERIALIZED VIEW daily_activity AS
SELECT occurred_at::date AS day, count(DISTINCT user_id) AS active_users, count(*) AS events
FROM events
WHERE occurred_at >= TIMESTAMP '2024-01-01' AND occurred_at < TIMESTAMP '2025-01-01'
GROUP BY 1;

SELECT day, active_users, events
FROM daily_activity
ORDER BY day;
