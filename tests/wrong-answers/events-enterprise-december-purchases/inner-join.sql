-- wrong: JOIN instead of LEFT JOIN (every such tenant bought in December on the seeds)
SELECT t.id, t.name, p.purchases AS december_purchases
FROM tenants t
JOIN (SELECT tenant_id, count(*) AS purchases
           FROM events
           WHERE event_type = 'purchase'
             AND occurred_at >= TIMESTAMP '2024-12-01' AND occurred_at < TIMESTAMP '2025-01-01'
           GROUP BY tenant_id) p ON p.tenant_id = t.id
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
ORDER BY t.id;
