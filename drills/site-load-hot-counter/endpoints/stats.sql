-- GET /stats — the site's total page views
-- pgdrill: name total_views
SELECT views FROM site_stats WHERE id = 1;
