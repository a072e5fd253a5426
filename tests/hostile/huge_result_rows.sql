-- attack: a huge result (rows): stopped by the row cap | expect: failed
SELECT a.id, b.id FROM items a, items b;
