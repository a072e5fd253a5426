SELECT device_id, count(*) AS readings, min(value) AS min_celsius, max(value) AS max_celsius
FROM readings
WHERE metric = 'temperature'
  AND recorded_at >= TIMESTAMP '2024-05-14 08:00:00'
  AND recorded_at <  TIMESTAMP '2024-05-14 20:00:00'
GROUP BY device_id
ORDER BY device_id;
