-- attack: a sequence change outlives the rollback (nextval) | expect: rejected
SELECT nextval('items_id_seq') AS grp, 1 AS n;
