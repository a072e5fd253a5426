-- attack: invalid UTF-8 bytes in a string literal | expect: rejected
SELECT 'ÿşÃ(' AS x;
