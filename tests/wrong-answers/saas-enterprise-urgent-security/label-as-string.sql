-- wrong: "labels": "security" (a string) is not contained in an array of labels: jsonb containment matches structure
CREATE INDEX documents_attrs_path_idx ON documents USING gin (attrs jsonb_path_ops);

SELECT id, tenant_id, title, created_at
FROM documents
WHERE attrs @> '{"customer": {"tier": "enterprise"}, "priority": "urgent", "labels": "security"}'
ORDER BY created_at DESC, id;
