-- attack: a disallowed statement naming a table with an OSC title change | expect: rejected
DROP TABLE "items]2;owned";
