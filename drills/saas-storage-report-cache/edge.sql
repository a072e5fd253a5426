-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Tenant 2000000101 has no documents and tenant 2000000102 only an archived one: neither
-- is on the page (a LEFT JOIN from tenants would list them). Tenant 2000000103 has
-- one live document whose body holds accented letters (18 characters, 22
-- bytes: octet_length is not length) and no assignee, and one archived
-- document (counting it, or counting a nullable column, changes its row).
INSERT INTO tenants (id, name, plan, region, created_at) VALUES
    (2000000101, 'Edge Empty 2000000101', 'free', 'eu', TIMESTAMP '2024-12-01 00:00:00'),
    (2000000102, 'Edge Archived 2000000102', 'team', 'us', TIMESTAMP '2024-12-01 00:00:00'),
    (2000000103, 'Edge Accents 2000000103', 'business', 'eu', TIMESTAMP '2024-12-01 00:00:00');
INSERT INTO users (id, tenant_id, email, role, created_at) VALUES
    (3000000101, 2000000102, 'edge1@tenant2000000102.example', 'owner', TIMESTAMP '2024-12-01 00:00:00'),
    (3000000102, 2000000103, 'edge2@tenant2000000103.example', 'owner', TIMESTAMP '2024-12-01 00:00:00');
INSERT INTO documents (id, tenant_id, author_id, assignee_id, kind, title, attrs, tags,
                       created_at, updated_at, archived_at, body) VALUES
    (3000000101, 2000000102, 3000000101, 3000000101, 'note', 'Old notes', '{"status": "closed"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-03 00:00:00', 'Archived long ago.'),
    (3000000102, 2000000103, 3000000102, NULL, 'note', 'Grüße', '{"status": "open"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', NULL, 'Grüße, café, señor'),
    (3000000103, 2000000103, 3000000102, 3000000102, 'note', 'Archived', '{"status": "closed"}', '{}',
     TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-02 00:00:00', TIMESTAMP '2024-12-04 00:00:00', 'An archived body.');
