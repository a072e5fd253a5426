SELECT count(*) AS items_carried
FROM stock
WHERE warehouse_id = 3;
