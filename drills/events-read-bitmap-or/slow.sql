SELECT count(*) AS events, round(avg(duration_ms)) AS avg_ms
FROM events
WHERE (country = 'SE' AND city = 'Uppsala') OR user_id = 4243;
