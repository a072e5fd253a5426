SELECT tenant_id, count(*) AS events, count(DISTINCT user_id) AS active_users
FROM events
GROUP BY tenant_id
ORDER BY events DESC, tenant_id
LIMIT 10;
