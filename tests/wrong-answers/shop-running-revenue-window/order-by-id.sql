-- wrong: orders taken in id order, which is placing order only on the seeds
SELECT id, created_at, total,
       sum(total) OVER (PARTITION BY created_at::date ORDER BY id) AS revenue_so_far
FROM orders
WHERE created_at >= TIMESTAMP '2024-11-25' AND created_at < TIMESTAMP '2024-12-02'
ORDER BY created_at, id;
