#!/usr/bin/env bash
# bench/load.sh — load drills: figures, verdict stability and wall time.
#
# For every load drill (kind "load" in `pgdrill list`) it runs `pgdrill check`
# N times (default 10) with the drill's reference as the answer and N times
# with an empty answer (the drill as shipped), while one CPU-bound process
# spins, and prints per drill: the median p95 of baseline, reference and
# answer (ms), the verdicts of the reference (all should pass) and of the
# empty answer (all should fail), the reference's score range, and the
# check's wall time (median, max) and the load average when the drill's
# checks ended.  Issue #13's target: the same verdict in
# N of N checks, a check under 60 s.  Wall-clock figures depend on what else
# runs on the machine: report them with that said.
#
# Usage: bench/load.sh [--runs N] [DRILL...]
#   PGDRILL=path/to/pgdrill (default build/pgdrill; copy it first if you
#   rebuild while the bench runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n=10
drills=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) n=$2; shift 2 ;;
        -*) echo "usage: $0 [--runs N] [DRILL...]" >&2; exit 2 ;;
        *) drills+=("$1"); shift ;;
    esac
done
pgdrill=${PGDRILL:-$(pwd)/build/pgdrill}
[ -x "$pgdrill" ] || { echo "build first" >&2; exit 4; }
# a copied binary finds no catalogue beside it: name this checkout's
export PGDRILL_DRILLS=$(pwd)/drills PGDRILL_FIXTURES=$(pwd)/fixtures
if [ ${#drills[@]} -eq 0 ]; then
    mapfile -t drills < <("$pgdrill" list --format json |
        python3 -c 'import json,sys; [print(d["id"]) for d in json.load(sys.stdin)["drills"] if d["kind"]=="load"]')
fi
empty=$(mktemp --suffix=.sql)
echo "-- the drill as shipped" >"$empty"
# the CPU hog of issue #13: one busy loop, pinned to the last core when
# taskset exists, killed on exit (by its pid, never by name)
if command -v taskset >/dev/null; then
    taskset -c "$(( $(nproc) - 1 ))" sh -c 'while :; do :; done' &
else
    sh -c 'while :; do :; done' &
fi
burner=$!
trap 'kill $burner 2>/dev/null || true; rm -f "$empty"' EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load: $n checks per drill and answer, one CPU-bound process running, $(nproc) cores"
echo "load average at the start: $(loadavg)"
printf "%-32s %9s %9s %9s  %-16s %-16s %-13s %-17s %s\n" drill base-p95 ref-p95 ans-p95 \
    "reference" "as-shipped" "ref-score" "wall s (med/max)" "load avg (1/5/15)"
status=0
for d in "${drills[@]}"; do
    out=$(mktemp)
    for i in $(seq "$n"); do
        for a in "drills/$d/reference.sql" "$empty"; do
            start=$(date +%s.%N)
            "$pgdrill" check "$d" --answer "$a" --format json -q >"$out.one" || true
            end=$(date +%s.%N)
            python3 - "$out.one" "$a" "$start" "$end" >>"$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["_answer"] = "ref" if sys.argv[2].endswith("reference.sql") else "empty"
r["_wall"] = float(sys.argv[4]) - float(sys.argv[3])
print(json.dumps(r))
PY
        done
    done
    python3 - "$d" "$out" "$(loadavg)" <<'PY' || status=1
import json, statistics, sys
drill, path, load = sys.argv[1:4]
rs = [json.loads(l) for l in open(path)]
ref = [r for r in rs if r["_answer"] == "ref"]
emp = [r for r in rs if r["_answer"] == "empty"]
def med(xs): return statistics.median(xs) if xs else float("nan")
def p95(rr, v): return med([r["load"][v]["score_p95_ms"] for r in rr if "load" in r])
def verdicts(rr): return ",".join("%s×%d" % (s, sum(r["status"] == s for r in rr))
                                  for s in sorted(set(r["status"] for r in rr)))
scores = [r.get("score") or 0 for r in ref]
walls = [r["_wall"] for r in rs]
print("%-32s %9.1f %9.1f %9.1f  %-16s %-16s %5.1f..%-6.1f %-17s %s" % (drill,
      p95(ref, "baseline"), p95(ref, "reference"), p95(ref, "answer"),
      verdicts(ref), verdicts(emp), min(scores), max(scores),
      "%.0f/%.0f" % (med(walls), max(walls)), load))
for r in rs:
    if (r["_answer"] == "ref") != (r["status"] == "pass"):
        l = r.get("load", {})
        print("    %s answer %s: guard %s, round p95 base %s ref %s ans %s: %s" % (r["_answer"],
              r["status"], l.get("guard"), *[l.get(v, {}).get("round_p95_ms") for v in
              ("baseline", "reference", "answer")],
              (r.get("message") or r.get("error", {}).get("message", "")).splitlines()[0][:160]))
ok = all(r["status"] == "pass" for r in ref) and all(r["status"] == "fail" for r in emp)
sys.exit(0 if ok else 1)
PY
    rm -f "$out" "$out.one"
done
exit $status
