SELECT e.id, e.user_id, e.occurred_at, e.event_type
FROM events e
JOIN users u ON u.id = e.user_id
WHERE e.user_id IN (17, 305, 1042, 2210, 7777, 23456, 40404, 54558, 65432, 80808, 99001)
   OR u.tenant_id = 15
ORDER BY e.id;
