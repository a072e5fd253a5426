-- Edge rows of the drill: a row whose id + 0 is at the range's end.
UPDATE t SET payload = 'edge' WHERE id = 4100;
