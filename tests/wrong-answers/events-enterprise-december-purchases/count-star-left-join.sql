-- wrong: count(*) over a LEFT JOIN counts 1 for a tenant without purchases
SELECT t.id, t.name, count(*) AS december_purchases
FROM tenants t
LEFT JOIN events e
       ON e.tenant_id = t.id
      AND e.event_type = 'purchase'
      AND e.occurred_at >= TIMESTAMP '2024-12-01'
      AND e.occurred_at <  TIMESTAMP '2025-01-01'
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
GROUP BY t.id, t.name
ORDER BY t.id;
