-- wrong: spreads the updates over the counter table's other rows, which count other things
-- pgdrill: replace count_view
UPDATE site_stats SET views = views + 1 WHERE id = 1 + :page % 3;
