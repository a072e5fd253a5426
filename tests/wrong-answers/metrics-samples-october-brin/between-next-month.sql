-- BETWEEN includes its upper bound: a sample at exactly midnight on November 1st is counted.
CREATE INDEX ON samples USING brin (recorded_at);

SELECT device_id,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE recorded_at BETWEEN TIMESTAMP '2024-10-01' AND TIMESTAMP '2024-11-01'
GROUP BY device_id
ORDER BY device_id;
