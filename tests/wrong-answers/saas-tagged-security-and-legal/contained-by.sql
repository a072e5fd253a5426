-- wrong: <@ (is contained by) takes documents whose tags are among the two, empty tags included
SELECT id, tenant_id, title, created_at
FROM documents
WHERE tags <@ ARRAY['security', 'legal']
ORDER BY created_at DESC, id;
