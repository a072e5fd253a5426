-- Trades the time range for the ids October spans: 6 late samples of September fall inside that id range (and the edge rows outside it).
SELECT recorded_at::date AS day,
       count(*) AS samples,
       count(*) FILTER (WHERE payload LIKE '%"status":"crc_error"%') AS crc_errors
FROM samples
WHERE id BETWEEN 299455 AND 333340
GROUP BY recorded_at::date
ORDER BY day;
