SELECT tenant_id, id, user_id, path, duration_ms
FROM (SELECT e.tenant_id, e.id, e.user_id, e.path, e.duration_ms,
             row_number() OVER (PARTITION BY e.tenant_id
                                ORDER BY e.duration_ms DESC, e.id) AS rn
      FROM events e
      WHERE e.event_type = 'click') s
WHERE rn <= 3
ORDER BY tenant_id, rn;
