-- BETWEEN ... '23:59:59' misses readings in the last second of March (23:59:59.999999).
SELECT device_id, count(*) AS readings, min(value) AS min_watts, max(value) AS max_watts
FROM readings
WHERE metric = 'power'
  AND recorded_at BETWEEN TIMESTAMP '2024-03-01 00:00:00' AND TIMESTAMP '2024-03-31 23:59:59'
GROUP BY device_id
ORDER BY device_id;
