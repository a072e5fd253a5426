-- pgdrill: name counter
SELECT v FROM items WHERE id = 1;
