-- wrong: no id tie-breaker (documents share a created_at)
CREATE INDEX documents_attrs_path_idx ON documents USING gin (attrs jsonb_path_ops);

SELECT id, tenant_id, title, created_at
FROM documents
WHERE attrs @> '{"customer": {"tier": "enterprise"}, "priority": "urgent", "labels": ["security"]}'
ORDER BY created_at DESC;
