-- attack: CREATE TABLE AS persists a copy of the data | expect: rejected
CREATE TABLE stolen AS SELECT * FROM items;
SELECT 1;
