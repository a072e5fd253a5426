-- wrong: without PARTITION BY the total runs over the whole week instead of restarting each day
SELECT id, created_at, total,
       sum(total) OVER (ORDER BY created_at, id) AS revenue_so_far
FROM orders
WHERE created_at >= TIMESTAMP '2024-11-25' AND created_at < TIMESTAMP '2024-12-02'
ORDER BY created_at, id;
