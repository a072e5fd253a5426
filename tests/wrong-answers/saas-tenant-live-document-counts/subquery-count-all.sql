-- wrong: counts archived documents too
SELECT t.id, t.name,
       (SELECT count(*) FROM documents d WHERE d.tenant_id = t.id) AS live_documents
FROM tenants t
ORDER BY t.id;
