-- BETWEEN includes its upper bound: a sample at exactly midnight on November 1st adds a day.
CREATE INDEX ON samples USING brin (recorded_at);

SELECT recorded_at::date AS day,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE recorded_at BETWEEN TIMESTAMP '2024-10-01' AND TIMESTAMP '2024-11-01'
GROUP BY recorded_at::date
ORDER BY day;
