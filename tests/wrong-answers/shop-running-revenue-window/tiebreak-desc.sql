-- wrong: orders at one instant taken from the highest id down
SELECT id, created_at, total,
       sum(total) OVER (PARTITION BY created_at::date ORDER BY created_at, id DESC) AS revenue_so_far
FROM orders
WHERE created_at >= TIMESTAMP '2024-11-25' AND created_at < TIMESTAMP '2024-12-02'
ORDER BY created_at, id;
