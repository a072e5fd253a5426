-- wrong: only the security tag goes through the index and legal is forgotten
SELECT id, tenant_id, title, created_at
FROM documents
WHERE tags @> ARRAY['security']
ORDER BY created_at DESC, id;
