-- attack: BEL characters rung in the grader's terminal | expect: rejected
SELECT grp  FROM items;
