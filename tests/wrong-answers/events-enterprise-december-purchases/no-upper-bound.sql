-- wrong: no upper bound (every event is in 2024 on the seeds)
SELECT t.id, t.name, coalesce(p.purchases, 0) AS december_purchases
FROM tenants t
LEFT JOIN (SELECT tenant_id, count(*) AS purchases
           FROM events
           WHERE event_type = 'purchase'
             AND occurred_at >= TIMESTAMP '2024-12-01'
           GROUP BY tenant_id) p ON p.tenant_id = t.id
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
ORDER BY t.id;
