-- wrong: the right keyset, ordered by id
SELECT id, customer_id, created_at, total
FROM orders
WHERE (created_at, id) > (TIMESTAMP '2024-07-16 02:25:59', 200000)
ORDER BY id
LIMIT 20;
