-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Movements at the edge of 2026-11-20: exactly midnight, half a second and
-- a microsecond before it (timestamps are whole seconds on the seeds); the last one on
-- 2026-11-30 at 23:59:59.5, the end of the log.
INSERT INTO movements (id, item_id, warehouse_id, kind, qty, moved_at) VALUES
    (3000000001, 7, 5, 'pick', -3, TIMESTAMP '2026-11-20 00:00:00'),
    (3000000002, 7, 6, 'receipt', 40, TIMESTAMP '2026-11-19 23:59:59.5'),
    (3000000004, 7, 7, 'pick', -1, TIMESTAMP '2026-11-19 23:59:59.999999'),
    (3000000003, 7, 5, 'adjustment', 2, TIMESTAMP '2026-11-30 23:59:59.5');
