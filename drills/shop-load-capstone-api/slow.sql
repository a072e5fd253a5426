-- One order_status request (order 4242), as the ORM sends it.
SELECT id, status, total, created_at FROM orders WHERE id = CAST(4242 AS numeric);
