SELECT t.id, t.name,
       (SELECT count(*)
        FROM events e
        WHERE e.tenant_id = t.id
          AND e.event_type = 'purchase'
          AND date_trunc('month', e.occurred_at) = TIMESTAMP '2024-12-01') AS december_purchases
FROM tenants t
WHERE t.plan = 'enterprise' AND t.created_at >= TIMESTAMP '2022-01-01'
ORDER BY t.id;
