-- attack: SQL given as text runs past the analysis (query_to_xml with a DELETE) | expect: rejected
SELECT query_to_xml('DELETE FROM items RETURNING id', true, true, '') AS grp, 1 AS n;
