SELECT cur.coupon_code, cur.orders AS orders_2024, prev.orders AS orders_2023
FROM (SELECT coupon_code, count(*) AS orders
      FROM orders
      WHERE created_at >= TIMESTAMP '2024-03-01' AND created_at < TIMESTAMP '2024-04-01'
      GROUP BY coupon_code) AS cur
LEFT JOIN (SELECT coupon_code, count(*) AS orders
           FROM orders
           WHERE created_at >= TIMESTAMP '2023-03-01' AND created_at < TIMESTAMP '2023-04-01'
           GROUP BY coupon_code) AS prev
  ON prev.coupon_code IS NOT DISTINCT FROM cur.coupon_code
ORDER BY cur.coupon_code NULLS FIRST;
