-- wrong: BETWEEN ... 23:59:59
SELECT t.id, t.name, coalesce(p.purchases, 0) AS december_purchases
FROM tenants t
LEFT JOIN (SELECT tenant_id, count(*) AS purchases
           FROM events
           WHERE event_type = 'purchase'
             AND occurred_at BETWEEN TIMESTAMP '2024-12-01' AND TIMESTAMP '2024-12-31 23:59:59'
           GROUP BY tenant_id) p ON p.tenant_id = t.id
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
ORDER BY t.id;
