SELECT id, v FROM items WHERE v + 0 = 7 ORDER BY id;
