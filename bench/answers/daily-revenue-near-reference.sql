-- Near the reference: the same plan shape (an index range scan on
-- created_at feeding the aggregate), but the range starts six hours early
-- and a cast filter drops those rows again: about 1-2% more buffers than the
-- reference, the same rows.  Its verdict must not depend on timing noise.
SELECT created_at::date AS day,
       sum(total) AS revenue,
       count(*) AS orders
FROM orders
WHERE created_at >= TIMESTAMP '2024-11-30 18:00:00' AND created_at < TIMESTAMP '2025-01-01'
  AND created_at::date >= DATE '2024-12-01'
  AND status <> 'cancelled'
GROUP BY 1
ORDER BY 1;
