SELECT t.plan, count(*) AS events, count(DISTINCT e.user_id) AS users
FROM events e
JOIN users u ON u.id = e.user_id
JOIN tenants t ON t.id = u.tenant_id
WHERE e.country = 'DE' AND e.city = 'Munich'
  AND e.device = 'iPhone' AND e.os = 'iOS'
GROUP BY t.plan
ORDER BY t.plan;
