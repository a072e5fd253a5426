#!/usr/bin/env bash
# bench/batch.sh — is grading a folder in one `pgdrill grade` run cheaper
# than checking each answer on its own?
#
# Measured in the same run, on this machine, in a private home under /tmp
# (its own private cluster, stopped and removed at the end):
#   batch:    `pgdrill grade DIR` over N answers to one drill (the drill is
#             prepared once: clones, the slow query's rows, and the slow and
#             reference measurements are made once for the run)
#   separate: N runs of `pgdrill check DRILL --answer FILE`, one per answer
#             (the baseline: each prepares the drill and measures slow,
#             reference and answer itself)
# The answers are the drill's reference and slow query, each with its own
# comment line so no two files are equal (3 in 4 are references).  Both
# sides use the same --runs and scale; the cluster and the templates are
# built before timing starts, so neither side pays for them.  Each side is
# timed `--repeat` times; the medians and their ratio are printed.  Target:
# batch <= 0.6 x separate.
#
# Usage: bench/batch.sh [--drill ID] [--answers N] [--runs N] [--scale N] [--repeat N]
# Catalogue: PGDRILL_DRILLS / PGDRILL_FIXTURES, else the source tree's.
# Needs a built ./build/pgdrill.
set -euo pipefail
cd "$(dirname "$0")/.."

drill=""
answers=20
runs=5
scale=""
repeat=3
while [ $# -gt 0 ]; do
    case $1 in
        --drill) drill=$2; shift 2 ;;
        --answers) answers=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --scale) scale=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        *) echo "usage: $0 [--drill ID] [--answers N] [--runs N] [--scale N] [--repeat N]" >&2; exit 2 ;;
    esac
done

pgdrill=$(pwd)/build/pgdrill
[ -x "$pgdrill" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 4; }
if [ -z "$drill" ]; then
    drill=$("$pgdrill" list --format json | python3 -c '
import json, sys
print(next(d["id"] for d in json.load(sys.stdin)["drills"] if d["kind"] != "plan-reading"))')
fi
drills_dir=${PGDRILL_DRILLS:-$(pwd)/drills}
scale_opt=()
[ -n "$scale" ] && scale_opt=(--scale "$scale")

work=$(mktemp -d /tmp/pgdrill-batch-XXXXXX)
chmod 755 "$work"
mkdir -p "$work/cache" "$work/state" "$work/answers"
if [ "$(id -u)" -eq 0 ]; then
    chown "${PGDRILL_SERVER_USER:-postgres}" "$work/cache"
fi
export XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state PGDRILL_DB=
cleanup() {
    "$pgdrill" db stop -q >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

for i in $(seq "$answers"); do
    src=reference.sql
    [ $((i % 4)) -eq 0 ] && src=slow.sql
    dir=$work/answers/a$(printf %02d "$i")
    mkdir -p "$dir"
    { echo "-- answer $i"; cat "$drills_dir/$drill/$src"; } > "$dir/$drill.sql"
done

now() { date +%s%N; }
secs() { python3 -c "print('%.3f' % (($2 - $1) / 1e9))"; }
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

echo "pgdrill batch benchmark: drill $drill, $answers answers, --runs $runs, scale ${scale:-default}, $(nproc) cores"
echo "  warming up: private cluster and templates (not timed)"
"$pgdrill" check "$drill" --answer "$drills_dir/$drill/reference.sql" --runs 1 -q "${scale_opt[@]}" >/dev/null

batch=()
separate=()
for r in $(seq "$repeat"); do
    t0=$(now)
    set +e
    "$pgdrill" grade "$work/answers" --runs "$runs" -q "${scale_opt[@]}" > "$work/grade.txt"
    code=$?
    set -e
    t1=$(now)
    [ "$code" -le 1 ] || { cat "$work/grade.txt"; echo "grade exited $code" >&2; exit 4; }
    batch+=("$(secs "$t0" "$t1")")
    t0=$(now)
    for f in "$work"/answers/*/"$drill".sql; do
        "$pgdrill" check "$drill" --answer "$f" --runs "$runs" -q "${scale_opt[@]}" >/dev/null || true
    done
    t1=$(now)
    separate+=("$(secs "$t0" "$t1")")
    echo "  round $r: grade ${batch[-1]} s, $answers x check ${separate[-1]} s"
done
tail -n 1 "$work/grade.txt" | sed 's/^/  grade says: /'
b=$(median "${batch[@]}")
s=$(median "${separate[@]}")
echo "batch (one grade run):      $b s  (median of $repeat)"
echo "separate ($answers check runs):   $s s  (median of $repeat)"
python3 -c "r = $b / $s; print('ratio batch/separate: %.2f  (target <= 0.60: %s)' % (r, 'met' if r <= 0.6 else 'NOT met'))"
