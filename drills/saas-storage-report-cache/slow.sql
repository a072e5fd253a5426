SELECT t.id, t.plan, count(*) AS documents, sum(length(d.body)) AS body_chars
FROM tenants t
JOIN documents d ON d.tenant_id = t.id
WHERE d.archived_at IS NULL
GROUP BY t.id, t.plan
ORDER BY t.id;
