-- wrong: ORDER BY events DESC without the tenant tie-breaker
CREATE MATERIALIZED VIEW tenant_activity AS
SELECT tenant_id, count(*) AS events, count(DISTINCT user_id) AS active_users
FROM events
GROUP BY tenant_id;

SELECT tenant_id, events, active_users
FROM tenant_activity
ORDER BY events DESC
LIMIT 10;
