SELECT occurred_at::date AS day, count(DISTINCT user_id) AS active_users, count(*) AS events
FROM events
GROUP BY 1
ORDER BY 1;
