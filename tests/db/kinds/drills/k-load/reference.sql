CREATE INDEX ON items (md5(v::text));
