SELECT tenant_id, id, user_id, event_type, occurred_at
FROM (SELECT e.tenant_id, e.id, e.user_id, e.event_type, e.occurred_at,
             row_number() OVER (PARTITION BY e.tenant_id
                                ORDER BY e.occurred_at DESC, e.id DESC) AS rn
      FROM events e
      WHERE e.tenant_id IN (100, 1622, 1861)) s
WHERE rn <= 3
ORDER BY tenant_id, occurred_at DESC, id DESC;
