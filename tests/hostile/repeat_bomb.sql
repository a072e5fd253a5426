-- attack: a memory bomb: one 2 GB string | expect: failed
SELECT length(repeat(repeat('x', 1000000), 2000));
