SELECT id, tenant_id, title
FROM documents
WHERE tags @> ARRAY['gdpr'] AND attrs ->> 'status' = 'open'
ORDER BY id;
