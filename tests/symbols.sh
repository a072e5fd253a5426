#!/bin/sh
# tests/symbols.sh — no global symbol of pgdrill may share a name with one
# exported by libpg_query.  libpg_query is PostgreSQL's parser and exports
# ~2,000 of PostgreSQL's own functions (hash_bytes, palloc...); a function of
# ours with the same name would silently replace it inside libpg_query (ELF
# symbol interposition) and crash or corrupt parsing, as hash_bytes once did.
# Usage: symbols.sh PGDRILL_BINARY LIBPG_QUERY_SO
set -eu
bin=$1
lib=$2
ours=$(mktemp)
theirs=$(mktemp)
trap 'rm -f "$ours" "$theirs"' EXIT
nm --defined-only "$bin" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u >"$ours"
nm -D --defined-only "$lib" | awk '{print $3}' | sort -u >"$theirs"
n=$(wc -l <"$ours")
clash=$(comm -12 "$ours" "$theirs")
echo "[==========] Running 1 test(s)."
if [ -n "$clash" ]; then
    echo "symbols defined by both pgdrill and libpg_query:"
    echo "$clash"
    echo "[  FAILED  ] 1 test(s), listed below:"
    exit 1
fi
echo "checked $n global symbols of pgdrill: no clash with libpg_query"
echo "[  PASSED  ] 1 test(s)."
