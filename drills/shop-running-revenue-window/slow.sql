SELECT o.id, o.created_at, o.total,
       (SELECT sum(o2.total)
        FROM orders o2
        WHERE o2.created_at >= date_trunc('day', o.created_at)
          AND (o2.created_at, o2.id) <= (o.created_at, o.id)) AS revenue_so_far
FROM orders o
WHERE o.created_at >= TIMESTAMP '2024-11-25' AND o.created_at < TIMESTAMP '2024-12-02'
ORDER BY o.created_at, o.id;
