-- wrong: BETWEEN 14:00 AND 15:00 also takes an event at 15:00:00 exactly
SELECT e.id, e.occurred_at, e.user_id, e.event_type, e.path
FROM events e
WHERE e.user_id = 80808
   OR e.occurred_at BETWEEN TIMESTAMP '2024-06-12 14:00:00' AND TIMESTAMP '2024-06-12 15:00:00'
ORDER BY e.id;
