-- attack: a carriage return overprinting the error with a fake verdict | expect: rejected
SELEC grp FROM items;  PASS  score 100                         
