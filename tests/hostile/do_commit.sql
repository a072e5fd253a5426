-- attack: transaction control inside a DO block (procedural COMMIT) | expect: rejected
DO $$ BEGIN COMMIT; DELETE FROM items; END $$;
SELECT 1;
