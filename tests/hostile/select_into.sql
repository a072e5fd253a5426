-- attack: SELECT INTO creates a table | expect: rejected
SELECT * INTO stolen FROM items;
