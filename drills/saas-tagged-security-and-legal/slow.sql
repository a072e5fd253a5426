SELECT id, tenant_id, title, created_at
FROM documents
WHERE 'security' = ANY (tags) AND 'legal' = ANY (tags)
ORDER BY created_at DESC, id;
