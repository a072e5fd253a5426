SELECT id, v FROM items WHERE id = 4;
