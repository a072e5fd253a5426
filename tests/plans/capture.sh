#!/bin/sh
# capture.sh — re-capture the plan fixtures of tests/plans from their .sql.
#
# Each NAME.sql holds the SET commands and the EXPLAIN (ANALYZE, BUFFERS,
# FORMAT JSON) statement that produced NAME.json, run against a database
# built by setup.sql.  Usage (as a user allowed to connect):
#   PSQL="psql -X -h /tmp/plan-sock -p 5499 -d drill" ./capture.sh [NAME...]
# FORMAT=text ./capture.sh [NAME...] captures the same statements in
# EXPLAIN's text format instead (FORMAT JSON replaced by FORMAT TEXT) as
# psql prints them (header, padding, footer) into text/NAME.txt, then, in
# the same session, the EXPLAIN statement again in JSON into text/NAME.json:
# the round-trip test (test_plan_text.c) parses both twins of one session
# (same statistics, same data) and compares trees, rows, loops, buffers.
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
	if [ "${FORMAT:-json}" = text ]; then
		out=text/$name.txt
		mkdir -p "$(dirname "$out")"
		{
			# a first run warms the session (catalogue caches, hint bits)
			# so that the two twins touch the same buffers
			printf '\\o /dev/null\n'
			sed -e '/^\\pset/d' "$name.sql"
			printf '\\o\n'
			sed -n '/^EXPLAIN/,$p' "$name.sql" | sed 's/FORMAT JSON/FORMAT TEXT/'
			printf '\\pset format unaligned\n\\pset tuples_only on\n\\o text/%s.json\n' "$name"
			sed -n '/^EXPLAIN/,$p' "$name.sql"
		} | $PSQL -q -f - > "$out.tmp"
	elif grep -q '^\\pset format aligned' "$name.sql"; then
		out=$name.txt           # psql's table, as people paste it
		$PSQL -q -f "$name.sql" > "$out.tmp"
	else
		out=$name.json
		$PSQL -q -At -f "$name.sql" > "$out.tmp"
	fi
	mv "$out.tmp" "$out"
	echo "captured $out"
done
