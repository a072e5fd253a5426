SELECT id, tenant_id, title, created_at
FROM documents
WHERE attrs -> 'customer' ->> 'tier' = 'enterprise'
  AND attrs ->> 'priority' = 'urgent'
  AND attrs -> 'labels' ? 'security'
ORDER BY created_at DESC, id;
