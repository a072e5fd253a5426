-- wrong: a LEFT JOIN from tenants lists tenants without live documents (the page does not)
CREATE MATERIALIZED VIEW tenant_storage AS
SELECT tenant_id, count(*) AS documents, sum(length(body)) AS body_chars
FROM documents
WHERE archived_at IS NULL
GROUP BY tenant_id;

SELECT t.id, t.plan, coalesce(s.documents, 0) AS documents, s.body_chars
FROM tenants t
LEFT JOIN tenant_storage s ON s.tenant_id = t.id
ORDER BY t.id;
