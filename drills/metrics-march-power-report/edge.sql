-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Power readings of device 7 on both sides of each month boundary of March:
-- the last microsecond of February and of March, and exactly midnight on
-- the 1st of March and of April.  A range one microsecond, one second or
-- one day off at either end, `>` for `>=` or `<=` for `<`, or a BETWEEN
-- ending at '23:59:59' counts device 7 differently.  Each row lands in the
-- partition its timestamp belongs to.
INSERT INTO readings (device_id, metric, recorded_at, value)
VALUES (7, 'power', TIMESTAMP '2024-02-29 23:59:59.999999', 1234.5),
       (7, 'power', TIMESTAMP '2024-03-01 00:00:00', 1500.25),
       (7, 'power', TIMESTAMP '2024-03-31 23:59:59.999999', 1750.75),
       (7, 'power', TIMESTAMP '2024-04-01 00:00:00', 2000)
ON CONFLICT DO NOTHING;
