-- wrong: a ROWS frame without id in the window's ORDER BY adds orders at one instant in whatever order the sort left them
SELECT id, created_at, total,
       sum(total) OVER (PARTITION BY date_trunc('day', created_at)
                        ORDER BY created_at
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS revenue_so_far
FROM orders
WHERE created_at >= TIMESTAMP '2024-11-25' AND created_at < TIMESTAMP '2024-12-02'
ORDER BY created_at, id;
