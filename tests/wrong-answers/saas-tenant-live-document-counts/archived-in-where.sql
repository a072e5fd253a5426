-- wrong: archived_at IS NULL in WHERE turns the LEFT JOIN into an inner join (tenants with only archived documents vanish)
SELECT t.id, t.name, count(d.id) AS live_documents
FROM tenants t
LEFT JOIN documents d ON d.tenant_id = t.id
WHERE d.archived_at IS NULL
GROUP BY t.id, t.name
ORDER BY t.id;
