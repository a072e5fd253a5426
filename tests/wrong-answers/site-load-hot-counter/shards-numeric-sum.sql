-- wrong: sum(bigint) is numeric, so the total reads a numeric where the drill reads a bigint
CREATE TABLE view_shards (shard integer PRIMARY KEY, n bigint NOT NULL);
-- pgdrill: replace count_view
INSERT INTO view_shards (shard, n) VALUES (:page % 16, 1)
ON CONFLICT (shard) DO UPDATE SET n = view_shards.n + 1;
-- pgdrill: replace total_views
SELECT views + coalesce((SELECT sum(n) FROM view_shards), 0) AS views
FROM site_stats WHERE id = 1;
