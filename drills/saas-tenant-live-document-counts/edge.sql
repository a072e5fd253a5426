-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Tenant 5001 has no documents at all, tenant 5002 only an archived one,
-- tenant 5003 one live document whose assignee is NULL and one archived:
-- count(*) says 1 for the first two, an inner join drops them, counting a
-- nullable column (assignee_id, archived_at) or ignoring archived_at
-- miscounts the third.
INSERT INTO tenants (id, name, plan, region, created_at) VALUES
    (5001, 'Edge Empty 5001', 'free', 'eu', TIMESTAMP '2024-12-01 00:00:00'),
    (5002, 'Edge Archived 5002', 'free', 'us', TIMESTAMP '2024-12-01 00:00:00'),
    (5003, 'Edge Small 5003', 'team', 'apac', TIMESTAMP '2024-12-01 00:00:00');
INSERT INTO users (id, tenant_id, email, role, created_at) VALUES
    (3000000001, 5002, 'edge1@tenant5002.example', 'owner', TIMESTAMP '2024-12-01 00:00:00'),
    (3000000002, 5003, 'edge2@tenant5003.example', 'owner', TIMESTAMP '2024-12-01 00:00:00');
INSERT INTO documents (id, tenant_id, author_id, assignee_id, kind, title, attrs, tags,
                       created_at, updated_at, archived_at, body) VALUES
    (3000000001, 5002, 3000000001, 3000000001, 'note', 'Old notes', '{"status": "closed"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-03 00:00:00', 'Document 3000000001.'),
    (3000000002, 5003, 3000000002, NULL, 'note', 'Welcome', '{"status": "open"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', NULL, 'Document 3000000002.'),
    (3000000003, 5003, 3000000002, 3000000002, 'note', 'Archived welcome', '{"status": "closed"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-04 00:00:00', 'Document 3000000003.');
