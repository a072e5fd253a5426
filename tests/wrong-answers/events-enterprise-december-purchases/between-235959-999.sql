-- wrong: BETWEEN ... 23:59:59.999 (the millisecond habit) misses a purchase in the last microseconds of December
SELECT t.id, t.name, count(e.id) AS december_purchases
FROM tenants t
LEFT JOIN events e
       ON e.tenant_id = t.id
      AND e.event_type = 'purchase'
      AND e.occurred_at BETWEEN TIMESTAMP '2024-12-01' AND TIMESTAMP '2024-12-31 23:59:59.999'
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
GROUP BY t.id, t.name
ORDER BY t.id;
