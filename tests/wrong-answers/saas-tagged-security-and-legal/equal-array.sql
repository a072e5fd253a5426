-- wrong: = compares whole arrays, in order: only documents with exactly these two tags, in this order
SELECT id, tenant_id, title, created_at
FROM documents
WHERE tags = ARRAY['security', 'legal']
ORDER BY created_at DESC, id;
