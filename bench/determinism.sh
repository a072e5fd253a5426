#!/usr/bin/env bash
# bench/determinism.sh — is a grade the same every time on a noisy machine?
#
# Grades the same answer N times (default 20) with `pgdrill check` while a
# CPU-bound process spins on the other core, for a rewrite drill and an index
# drill, each with its reference and with a halfway answer (bench/answers/).
# Prints, per case, the scores' min / median / max, the spread (max - min) and
# whether the verdict ever changed.  Targets: the same verdict N/N and a spread
# <= 2 points of 100.  A baseline in the same run: the spread of the answer's
# raw median execution time, to show how much noise the score absorbed.
#
# Usage: bench/determinism.sh [--runs N] [--scale S]
set -euo pipefail
cd "$(dirname "$0")/.."
n=20
scale_args=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) n=$2; shift 2 ;;
        --scale) scale_args=(--scale "$2"); shift 2 ;;
        *) echo "usage: $0 [--runs N] [--scale S]" >&2; exit 2 ;;
    esac
done
pgdrill=$(pwd)/build/pgdrill
[ -x "$pgdrill" ] || { echo "build first" >&2; exit 4; }

cases=(
    "shop-orders-on-a-day drills/shop-orders-on-a-day/reference.sql"
    "shop-orders-on-a-day bench/answers/orders-on-a-day-partial.sql"
    "shop-customer-order-history drills/shop-customer-order-history/reference.sql"
    "shop-customer-order-history bench/answers/customer-order-history-partial.sql"
)

# warm the templates first so no case pays for a build
"$pgdrill" start shop-orders-on-a-day "${scale_args[@]}" -q >/dev/null

# the noise: one CPU-bound process, pinned to the last core when taskset exists
burn() { while :; do :; done; }
if command -v taskset >/dev/null; then
    taskset -c "$(( $(nproc) - 1 ))" bash -c 'while :; do :; done' &
else
    bash -c 'while :; do :; done' &
fi
burner=$!
trap 'kill $burner 2>/dev/null || true' EXIT

echo "determinism: $n checks per case, one CPU-bound process on another core"
printf "%-30s %-40s %7s %7s %7s %7s %9s %s\n" drill answer min median max spread "time-cv%" verdicts
status=0
for c in "${cases[@]}"; do
    set -- $c
    drill=$1 answer=$2
    out=$(mktemp)
    for i in $(seq "$n"); do
        "$pgdrill" check "$drill" --answer "$answer" "${scale_args[@]}" --format json -q >>"$out" || true
        echo >>"$out"
    done
    python3 - "$drill" "$answer" "$out" <<'PY' || status=1
import json, statistics, sys
drill, answer, path = sys.argv[1:4]
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
sys.exit(0 if spread <= 2 and len(verdicts) == 1 else 1)
PY
    rm -f "$out"
done
exit $status
