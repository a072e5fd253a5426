SELECT count(*) FROM items WHERE length(pad) + v = 107;
