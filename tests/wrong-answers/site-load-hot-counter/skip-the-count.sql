-- wrong: no lock waits because nothing is counted any more
-- pgdrill: replace count_view
UPDATE site_stats SET views = views WHERE id = 1;
