-- GET /pages/:page — one transaction: count the view, read the page, and
-- render it (the application's 8 ms) before the transaction commits
\set page random(1, 5000)
-- pgdrill: name count_view
UPDATE site_stats SET views = views + 1 WHERE id = 1;
-- pgdrill: name page
SELECT id, path, section, title FROM pages WHERE id = :page;
\sleep 8 ms
