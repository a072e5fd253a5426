-- wrong: views go to a log, but the total still reads only the counter row
CREATE TABLE page_view_log (page_id integer NOT NULL);
-- pgdrill: replace count_view
INSERT INTO page_view_log (page_id) VALUES (:page);
