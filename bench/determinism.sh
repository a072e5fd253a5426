#!/usr/bin/env bash
# bench/determinism.sh — is a grade the same every time on a noisy machine?
#
# Grades the same answer N times (default 20) with `pgdrill check` while
# CPU-bound processes (default two: `yes >/dev/null`, one per core of the
# development machine) compete for the cores, for a rewrite drill and an
# index drill, each with its reference and with a halfway answer
# (bench/answers/), and two near-pass cases: answers with the reference's
# plan shape and ~1% more buffers (bench/answers/*-near-reference.sql), to
# events-buyers-exists (the case whose verdict the time guard used to flip)
# and shop-daily-revenue-totals.  Prints, per case, the scores' min /
# median / max, the spread (max - min) and the verdicts.  Targets: the same
# verdict N/N in every case, and a spread <= 2 points of 100 where buffers
# decide alone (every case but the near-pass ones, whose time guard may move
# its score a little, never its verdict).  A baseline in the same run: the
# spread of the answer's raw median execution time (time-cv%), to show how
# much noise the score absorbed.
#
# Usage: bench/determinism.sh [--runs N] [--scale S] [--hogs K] [--only near]
# (PGDRILL_BIN=path grades with another build, e.g. to compare before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
n=20
hogs=2
only=
scale_args=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) n=$2; shift 2 ;;
        --scale) scale_args=(--scale "$2"); shift 2 ;;
        --hogs) hogs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        *) echo "usage: $0 [--runs N] [--scale S] [--hogs K] [--only near]" >&2; exit 2 ;;
    esac
done
pgdrill=${PGDRILL_BIN:-$(pwd)/build/pgdrill}
[ -x "$pgdrill" ] || { echo "build first" >&2; exit 4; }

# drill, answer, the score spread allowed (points)
cases=(
    "shop-orders-on-a-day drills/shop-orders-on-a-day/reference.sql 2"
    "shop-orders-on-a-day bench/answers/orders-on-a-day-partial.sql 2"
    "shop-customer-order-history drills/shop-customer-order-history/reference.sql 2"
    "shop-customer-order-history bench/answers/customer-order-history-partial.sql 2"
    "events-buyers-exists bench/answers/buyers-exists-near-reference.sql 100"
    "shop-daily-revenue-totals bench/answers/daily-revenue-near-reference.sql 100"
)
[ "$only" = near ] && cases=("${cases[@]:4}")

# warm the templates first so no case pays for a build
"$pgdrill" start shop-orders-on-a-day "${scale_args[@]}" -q >/dev/null

# the noise: CPU-bound processes, killed (by their ids) when the script ends
hog_pids=()
trap 'for p in "${hog_pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
for _ in $(seq "$hogs"); do
    yes >/dev/null &
    hog_pids+=($!)
done

echo "determinism: $n checks per case, $hogs CPU-bound processes on $(nproc) cores"
printf "%-30s %-40s %7s %7s %7s %7s %9s %s\n" drill answer min median max spread "time-cv%" verdicts
status=0
for c in "${cases[@]}"; do
    set -- $c
    drill=$1 answer=$2 max_spread=$3
    out=$(mktemp)
    for i in $(seq "$n"); do
        "$pgdrill" check "$drill" --answer "$answer" "${scale_args[@]}" --format json -q >>"$out" || true
        echo >>"$out"
    done
    python3 - "$drill" "$answer" "$out" "$max_spread" <<'PY' || status=1
import json, statistics, sys
drill, answer, path, max_spread = sys.argv[1:5]
text = open(path).read()
dec = json.JSONDecoder(); i = 0; rs = []
while i < len(text):
    while i < len(text) and text[i].isspace(): i += 1
    if i >= len(text): break
    r, i = dec.raw_decode(text, i); rs.append(r)
scores = [r["score"] if r["score"] is not None else 0 for r in rs]
verdicts = sorted(set(r["status"] for r in rs))
times = [r["metrics"]["answer"]["time_ms"]["median"] for r in rs if r.get("metrics")]
cv = 100 * statistics.pstdev(times) / statistics.mean(times) if times else 0
spread = max(scores) - min(scores)
print("%-30s %-40s %7.1f %7.1f %7.1f %7.1f %9.1f %s" % (drill, answer.split("/")[-1], min(scores),
      statistics.median(scores), max(scores), spread, cv,
      ",".join("%s×%d" % (v, sum(r["status"] == v for r in rs)) for v in verdicts)))
for m in sorted(set(r["message"] for r in rs if r["status"] == "error")):
    print("    error: " + m)
sys.exit(0 if spread <= float(max_spread) and len(verdicts) == 1 else 1)
PY
    rm -f "$out"
done
exit $status
