-- attack: DDL on the index drill: DROP TABLE as the owner's member | expect: rejected | drill: probe-index
DROP TABLE tags;
SELECT 1;
