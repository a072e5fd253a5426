#!/bin/sh
# capture.sh — re-capture the plan fixtures of tests/plans from their .sql.
#
# Each NAME.sql holds the SET commands and the EXPLAIN (ANALYZE, BUFFERS,
# FORMAT JSON) statement that produced NAME.json, run against a database
# built by setup.sql.  Usage (as a user allowed to connect):
#   PSQL="psql -X -h /tmp/plan-sock -p 5499 -d drill" ./capture.sh [NAME...]
# Timings change between runs.  The rules that fire are far from their
# thresholds and survive a re-capture; the hand-computed exclusive times
# (test_plan_exclusive.c) and the picture lines (test_plan_render.c) quote
# figures of these files and must be recomputed after one.
set -eu
cd "$(dirname "$0")"
PSQL=${PSQL:-psql -X -d drill}
if [ $# -eq 0 ]; then
	set -- $(ls *.sql mix/*.sql | grep -v '^setup.sql$' | sed 's/\.sql$//')
fi
for name in "$@"; do
	if grep -q '^\\pset format aligned' "$name.sql"; then
		out=$name.txt           # psql's table, as people paste it
		$PSQL -q -f "$name.sql" > "$out.tmp"
	else
		out=$name.json
		$PSQL -q -At -f "$name.sql" > "$out.tmp"
	fi
	mv "$out.tmp" "$out"
	echo "captured $out"
done
