-- attack: CSI sequences that clear the line, move up and hide text in the echo | expect: rejected
SELECT grp FROM items WHERE [2K[1A[8m grp = 1;
