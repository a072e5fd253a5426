-- wrong: ?| matches documents with any listed key at the top level, not a security label
CREATE INDEX documents_attrs_path_idx ON documents USING gin (attrs jsonb_path_ops);

SELECT id, tenant_id, title, created_at
FROM documents
WHERE attrs @> '{"customer": {"tier": "enterprise"}, "priority": "urgent"}'
  AND attrs ?| ARRAY['labels', 'security']
ORDER BY created_at DESC, id;
