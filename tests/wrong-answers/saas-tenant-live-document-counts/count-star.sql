-- wrong: count(*) counts the NULL-extended row of a tenant without live documents as 1
SELECT t.id, t.name, count(*) AS live_documents
FROM tenants t
LEFT JOIN documents d ON d.tenant_id = t.id AND d.archived_at IS NULL
GROUP BY t.id, t.name
ORDER BY t.id;
