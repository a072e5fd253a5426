-- wrong: count(d.assignee_id) skips live documents without an assignee
SELECT t.id, t.name, count(d.assignee_id) AS live_documents
FROM tenants t
LEFT JOIN documents d ON d.tenant_id = t.id AND d.archived_at IS NULL
GROUP BY t.id, t.name
ORDER BY t.id;
