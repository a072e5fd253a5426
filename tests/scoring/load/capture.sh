#!/bin/bash
# capture.sh — how the real pgbench logs in this folder were made (run once,
# by hand; the unit tests read the captured files, never PostgreSQL).
#
# A throw-away PostgreSQL 15 cluster on a private socket directory, a table
# with a hot row, and two endpoint scripts run open-loop with per-transaction
# logs:
#   pg15_rate_two_scripts.log  -f read@3 -f write@1, --rate, --latency-limit:
#                              schedule lag column, skipped (late) transactions
#   pg15_retries_failed.log    repeatable-read updates of one row, --max-tries:
#                              retries column, failed transactions
# Usage: tests/scoring/load/capture.sh   (as root: the server runs as postgres)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bindir=$(pg_config --bindir)
work=$(mktemp -d /tmp/pgdrill-capture.XXXXXX)
chmod 0755 "$work"
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
trap 'run "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
run "$bindir/initdb" -D "$work/data" -A trust --no-sync >/dev/null
run "$bindir/pg_ctl" -D "$work/data" -l "$work/log" -w \
    -o "-k $work -c listen_addresses= -c fsync=off" start >/dev/null
export PGHOST=$work PGDATABASE=postgres
psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1)
pgbench="$bindir/pgbench"
[ "$(id -u)" -eq 0 ] && export PGUSER=postgres
run "${psql[@]}" -c "CREATE TABLE item(id int PRIMARY KEY, n int NOT NULL DEFAULT 0);
  INSERT INTO item SELECT g FROM generate_series(1, 1000) g;
  CREATE TABLE counter(id int PRIMARY KEY, n int NOT NULL);
  INSERT INTO counter VALUES (1, 0);"
cat > "$work/read.sql" <<'SQL'
\set id random(1, 1000)
SELECT n FROM item WHERE id = :id;
SQL
cat > "$work/write.sql" <<'SQL'
\set id random(1, 1000)
UPDATE item SET n = n + 1 WHERE id = :id;
SQL
cat > "$work/hot.sql" <<'SQL'
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE counter SET n = n + 1 WHERE id = 1;
SELECT pg_sleep(0.002);
COMMIT;
SQL
chmod 0644 "$work"/*.sql
cd "$work"
run "$pgbench" -n -f read.sql@3 -f write.sql@1 -c 4 -j 2 -T 2 --rate 400 \
    --latency-limit 5 -l --log-prefix=rate >/dev/null
cat rate.* > "$here/pg15_rate_two_scripts.log"
run "$pgbench" -n -f hot.sql -c 4 -j 1 -T 1 --max-tries 2 \
    -l --log-prefix=retries >/dev/null 2>&1 || true
cat retries.* > "$here/pg15_retries_failed.log"
echo "pgbench $("$pgbench" --version)" >&2
wc -l "$here"/*.log >&2
