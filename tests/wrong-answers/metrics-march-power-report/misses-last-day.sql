-- The range ends at March 31st 00:00: the whole last day of March is missing.
SELECT device_id, count(*) AS readings, min(value) AS min_watts, max(value) AS max_watts
FROM readings
WHERE metric = 'power'
  AND recorded_at >= TIMESTAMP '2024-03-01' AND recorded_at < TIMESTAMP '2024-03-31'
GROUP BY device_id
ORDER BY device_id;
