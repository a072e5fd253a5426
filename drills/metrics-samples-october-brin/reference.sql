CREATE INDEX samples_recorded_at_brin ON samples USING brin (recorded_at) WITH (pages_per_range = 16);

SELECT device_id,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE recorded_at >= TIMESTAMP '2024-10-01 00:00:00'
  AND recorded_at <  TIMESTAMP '2024-11-01 00:00:00'
GROUP BY device_id
ORDER BY device_id;
