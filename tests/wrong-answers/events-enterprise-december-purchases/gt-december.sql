-- wrong: > for December's first instant misses a purchase at exactly 2024-12-01 00:00:00
SELECT t.id, t.name, count(e.id) AS december_purchases
FROM tenants t
LEFT JOIN events e
       ON e.tenant_id = t.id
      AND e.event_type = 'purchase'
      AND e.occurred_at > TIMESTAMP '2024-12-01'
      AND e.occurred_at < TIMESTAMP '2025-01-01'
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
GROUP BY t.id, t.name
ORDER BY t.id;
