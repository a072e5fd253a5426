-- Edge rows (docs/drill-format.md): run as pgdrill_owner on a clone of seed 1;
-- rows are compared on it, time and buffers are not.
-- Samples on both sides of each boundary of October: the last microsecond
-- of September and of October, and exactly midnight on October 1st and
-- November 1st (the seeds have millisecond times, none at those instants).
-- A range one microsecond, one second or one day off at either end, `>`
-- for `>=`, `<=` for `<`, or a BETWEEN ending at '23:59:59' or at
-- '2024-11-01' counts device 7's samples (or its errors) differently.  Appended after every
-- seed row, as late arrivals would be.
INSERT INTO samples (id, device_id, recorded_at, metric, value, payload)
VALUES (3000000001, 7, TIMESTAMP '2024-09-30 23:59:59.999999', 'power', 1234.5,
        '{"seq":3000000001,"rssi":-61,"status":"crc_error"}'),
       (3000000002, 7, TIMESTAMP '2024-10-01 00:00:00', 'power', 1500.25,
        '{"seq":3000000002,"rssi":-62,"status":"crc_error"}'),
       (3000000003, 7, TIMESTAMP '2024-10-31 23:59:59.999999', 'power', 1750.75,
        '{"seq":3000000003,"rssi":-63,"status":"crc_error"}'),
       (3000000004, 7, TIMESTAMP '2024-11-01 00:00:00', 'power', 2000,
        '{"seq":3000000004,"rssi":-64,"status":"crc_error"}');
