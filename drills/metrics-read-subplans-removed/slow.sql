SELECT d.kind, count(*) AS readings, max(r.value) AS peak_watts
FROM readings r
JOIN devices d ON d.id = r.device_id
WHERE r.metric = 'power'
  AND r.recorded_at >= TIMESTAMPTZ '2024-11-01 00:00:00+00'
  AND r.recorded_at <  TIMESTAMP '2024-12-01 00:00:00'
GROUP BY d.kind
ORDER BY d.kind;
