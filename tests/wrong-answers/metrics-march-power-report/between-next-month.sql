-- BETWEEN includes its upper bound: a reading at exactly midnight on April 1st is counted.
SELECT device_id, count(*) AS readings, min(value) AS min_watts, max(value) AS max_watts
FROM readings
WHERE metric = 'power'
  AND recorded_at BETWEEN TIMESTAMP '2024-03-01' AND TIMESTAMP '2024-04-01'
GROUP BY device_id
ORDER BY device_id;
