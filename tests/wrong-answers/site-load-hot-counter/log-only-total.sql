-- wrong: the total counts the log and forgets the views counted before it
CREATE TABLE page_view_log (page_id integer NOT NULL);
-- pgdrill: replace count_view
INSERT INTO page_view_log (page_id) VALUES (:page);
-- pgdrill: replace total_views
SELECT count(*) AS views FROM page_view_log;
