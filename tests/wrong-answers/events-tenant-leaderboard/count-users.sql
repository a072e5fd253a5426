-- wrong: count(user_id) for the active users
CREATE MATERIALIZED VIEW tenant_activity AS
SELECT tenant_id, count(*) AS events, count(user_id) AS active_users
FROM events
GROUP BY tenant_id;

SELECT tenant_id, events, active_users
FROM tenant_activity
ORDER BY events DESC, tenant_id
LIMIT 10;
