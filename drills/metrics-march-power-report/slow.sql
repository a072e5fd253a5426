SELECT device_id, count(*) AS readings, min(value) AS min_watts, max(value) AS max_watts
FROM readings
WHERE metric = 'power'
  AND date_trunc('month', recorded_at) = TIMESTAMP '2024-03-01 00:00:00'
GROUP BY device_id
ORDER BY device_id;
