-- attack: an OSC sequence that retitles the grader's terminal window, echoed by the caret | expect: rejected
SELEC grp ]0;graded PASS by the submission FROM items;
