-- wrong: > the start instead of >= loses an order placed at exactly 2024-12-24 00:00:00
WITH recent AS MATERIALIZED (
    SELECT id, customer_id, status, created_at, total
    FROM orders
    WHERE created_at > TIMESTAMP '2024-12-24 00:00:00'
)
SELECT id, customer_id, status, created_at, total
FROM recent
ORDER BY id
LIMIT 20;
