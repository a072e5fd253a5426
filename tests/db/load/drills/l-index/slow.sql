SELECT id, v FROM items WHERE id % 1000 = 7 ORDER BY id;
