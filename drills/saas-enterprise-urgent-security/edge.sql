-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Author 1 is a user of tenant 1. Three matching documents share one
-- created_at, written middle id first, then the lowest, then the highest
-- (an ORDER BY without id returns them in neither id order); one has the
-- tier at the top level instead of under customer, one the security tag in
-- `tags` but not the label, one an enterprise customer whose priority is
-- "high": none of these three matches.
INSERT INTO documents (id, tenant_id, author_id, assignee_id, kind, title, attrs, tags,
                       created_at, updated_at, archived_at, body)
SELECT v.id, 1, 1, NULL, 'ticket', v.title, v.attrs::jsonb, v.tags::text[],
       v.created_at, v.created_at, NULL, 'Document ' || v.id || '.'
FROM (VALUES
    (0, 3000000002, 'Pen test finding B', '{"status": "open", "priority": "urgent", "labels": ["legal", "security"], "customer": {"tier": "enterprise", "region": "eu"}}', '{}', TIMESTAMP '2024-06-12 10:00:00'),
    (1, 3000000001, 'Pen test finding A', '{"status": "open", "priority": "urgent", "labels": ["security"], "customer": {"tier": "enterprise", "region": "us"}}', '{security}', TIMESTAMP '2024-06-12 10:00:00'),
    (2, 3000000003, 'Pen test finding C', '{"status": "blocked", "priority": "urgent", "labels": ["security", "vip"], "customer": {"tier": "enterprise", "region": "apac"}}', '{}', TIMESTAMP '2024-06-12 10:00:00'),
    (3, 3000000004, 'Flat attributes', '{"status": "open", "priority": "urgent", "labels": ["security"], "tier": "enterprise"}', '{security}', TIMESTAMP '2024-06-12 10:00:00'),
    (4, 3000000005, 'Tagged, not labelled', '{"status": "open", "priority": "urgent", "labels": ["legal"], "customer": {"tier": "enterprise"}}', '{security}', TIMESTAMP '2024-06-12 10:00:00'),
    (5, 3000000006, 'Only high', '{"status": "open", "priority": "high", "labels": ["security"], "customer": {"tier": "enterprise"}}', '{security}', TIMESTAMP '2024-06-12 10:00:00'))
    AS v(ord, id, title, attrs, tags, created_at)
ORDER BY v.ord;  -- written in this order
