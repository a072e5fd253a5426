-- wrong: octet_length counts bytes, not characters (a body with accented letters differs)
CREATE MATERIALIZED VIEW tenant_storage AS
SELECT tenant_id, count(*) AS documents, sum(octet_length(body)) AS body_chars
FROM documents
WHERE archived_at IS NULL
GROUP BY tenant_id;

SELECT t.id, t.plan, s.documents, s.body_chars
FROM tenant_storage s
JOIN tenants t ON t.id = s.tenant_id
ORDER BY t.id;
