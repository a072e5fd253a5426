SELECT id, v FROM items WHERE v = 7 ORDER BY id;
