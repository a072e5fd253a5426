-- wrong: without id in the window's ORDER BY, orders at one instant are peers and all get the total including every one of them
SELECT id, created_at, total,
       sum(total) OVER (PARTITION BY date_trunc('day', created_at)
                        ORDER BY created_at) AS revenue_so_far
FROM orders
WHERE created_at >= TIMESTAMP '2024-11-25' AND created_at < TIMESTAMP '2024-12-02'
ORDER BY created_at, id;
