-- wrong: "since 2022" as created_at > '2021-12-31' keeps a tenant created during the last day of 2021
SELECT t.id, t.name, coalesce(p.purchases, 0) AS december_purchases
FROM tenants t
LEFT JOIN (SELECT tenant_id, count(*) AS purchases
           FROM events
           WHERE event_type = 'purchase'
             AND occurred_at >= TIMESTAMP '2024-12-01' AND occurred_at < TIMESTAMP '2025-01-01'
           GROUP BY tenant_id) p ON p.tenant_id = t.id
WHERE t.plan = 'enterprise' AND t.created_at > TIMESTAMP '2021-12-31'
ORDER BY t.id;
