-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Tenant 2000000001 has no documents at all, tenant 2000000002 only an archived one,
-- tenant 2000000003 one live document whose assignee is NULL and one archived:
-- count(*) says 1 for the first two, an inner join drops them, counting a
-- nullable column (assignee_id, archived_at) or ignoring archived_at
-- miscounts the third.
INSERT INTO tenants (id, name, plan, region, created_at) VALUES
    (2000000001, 'Edge Empty 2000000001', 'free', 'eu', TIMESTAMP '2024-12-01 00:00:00'),
    (2000000002, 'Edge Archived 2000000002', 'free', 'us', TIMESTAMP '2024-12-01 00:00:00'),
    (2000000003, 'Edge Small 2000000003', 'team', 'apac', TIMESTAMP '2024-12-01 00:00:00');
INSERT INTO users (id, tenant_id, email, role, created_at) VALUES
    (3000000001, 2000000002, 'edge1@tenant2000000002.example', 'owner', TIMESTAMP '2024-12-01 00:00:00'),
    (3000000002, 2000000003, 'edge2@tenant2000000003.example', 'owner', TIMESTAMP '2024-12-01 00:00:00');
INSERT INTO documents (id, tenant_id, author_id, assignee_id, kind, title, attrs, tags,
                       created_at, updated_at, archived_at, body) VALUES
    (3000000001, 2000000002, 3000000001, 3000000001, 'note', 'Old notes', '{"status": "closed"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-03 00:00:00', 'Document 3000000001.'),
    (3000000002, 2000000003, 3000000002, NULL, 'note', 'Welcome', '{"status": "open"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', NULL, 'Document 3000000002.'),
    (3000000003, 2000000003, 3000000002, 3000000002, 'note', 'Archived welcome', '{"status": "closed"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-04 00:00:00', 'Document 3000000003.');
