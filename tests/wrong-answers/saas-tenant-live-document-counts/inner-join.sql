-- wrong: an inner join and count(*) drop the tenants without live documents
SELECT t.id, t.name, count(*) AS live_documents
FROM tenants t
JOIN documents d ON d.tenant_id = t.id
WHERE d.archived_at IS NULL
GROUP BY t.id, t.name
ORDER BY t.id;
