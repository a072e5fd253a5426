-- attack: a cartesian-product bomb (cut by the deadline) | expect: failed
SELECT count(*) FROM items a, items b, items c, items d;
