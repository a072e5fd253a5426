-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Author 1 is a user of tenant 1. Three documents tagged with both, at one
-- created_at, written middle id first, then the lowest, then the highest
-- (an ORDER BY without id returns them in neither id order), one of them
-- with exactly these two tags in the other order; one with only security,
-- one with only legal, one with capitalised tags.
INSERT INTO documents (id, tenant_id, author_id, assignee_id, kind, title, attrs, tags,
                       created_at, updated_at, archived_at, body)
SELECT v.id, 1, 1, NULL, 'note', v.title, '{"status": "open"}', v.tags::text[],
       v.created_at, v.created_at, NULL, 'Document ' || v.id || '.'
FROM (VALUES
    (0, 3000000002, 'Review B', '{legal,security}', TIMESTAMP '2024-11-05 09:00:00'),
    (1, 3000000001, 'Review A', '{security,draft,legal}', TIMESTAMP '2024-11-05 09:00:00'),
    (2, 3000000003, 'Review C', '{security,legal,gdpr}', TIMESTAMP '2024-11-05 09:00:00'),
    (3, 3000000004, 'Only security', '{security}', TIMESTAMP '2024-11-05 09:00:00'),
    (4, 3000000005, 'Only legal', '{legal,gdpr}', TIMESTAMP '2024-11-05 09:00:00'),
    (5, 3000000006, 'Capitals', '{Security,Legal}', TIMESTAMP '2024-11-05 09:00:00'))
    AS v(ord, id, title, tags, created_at)
ORDER BY v.ord;  -- written in this order
