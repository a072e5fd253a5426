-- wrong: the tags column is not the labels attribute
CREATE INDEX documents_attrs_path_idx ON documents USING gin (attrs jsonb_path_ops);

SELECT id, tenant_id, title, created_at
FROM documents
WHERE attrs @> '{"customer": {"tier": "enterprise"}, "priority": "urgent"}'
  AND tags @> ARRAY['security']
ORDER BY created_at DESC, id;
