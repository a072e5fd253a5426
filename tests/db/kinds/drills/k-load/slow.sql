SELECT id, v FROM items WHERE md5(v::text) = md5('7') ORDER BY id;
