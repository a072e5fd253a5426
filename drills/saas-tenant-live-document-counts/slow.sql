SELECT t.id, t.name, count(d.*) AS live_documents
FROM tenants t
LEFT JOIN documents d ON d.tenant_id = t.id AND d.archived_at IS NULL
GROUP BY t.id, t.name
ORDER BY t.id;
