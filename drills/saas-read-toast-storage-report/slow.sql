SELECT tenant_id, count(*) AS documents, sum(length(body)) AS body_chars
FROM documents
GROUP BY tenant_id
ORDER BY body_chars DESC, tenant_id
LIMIT 10;
