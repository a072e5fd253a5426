-- What every view_page request reads besides its counter update (page 42);
-- the query is not the problem: the UPDATE before it is.
SELECT id, path, section, title FROM pages WHERE id = 42;
