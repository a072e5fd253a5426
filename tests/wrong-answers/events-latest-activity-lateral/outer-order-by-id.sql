-- wrong: the right three per tenant, shown by id (ids and time grow together on the seeds)
SELECT t.id AS tenant_id, p.id, p.user_id, p.event_type, p.occurred_at
FROM tenants t
CROSS JOIN LATERAL (SELECT e.id, e.user_id, e.event_type, e.occurred_at
                    FROM events e
                    WHERE e.tenant_id = t.id
                    ORDER BY e.occurred_at DESC, e.id DESC
                    LIMIT 3) p
WHERE t.id IN (100, 1622, 1861)
ORDER BY t.id, p.id DESC;
