#!/usr/bin/env bash
# bench/scale.sh — does the catalogue hold at ten times the data?
#
# Issue #15 asks that `--scale 10` build in at most 10x the scale-1 time and
# that every drill's lesson still holds there.  Both are measured here, in
# one private cluster (its own XDG home under /tmp, removed on exit), never
# in CI (a scale-10 verify of the catalogue takes hours on 2 cores):
#
#   build:  per fixture, what a learner waits for at `pgdrill start` with
#           no template yet: `pgdrill start DRILL --scale S` for a drill of
#           the fixture (seed 1's template, built by pgdrill with its groups
#           of scripts and its VACUUM side by side, then the personal copy),
#           at scale 1 then at scale 10; prints both times and the ratio
#           (target <= 10x).
#   lesson: `pgdrill author verify --scale 10` of each drill given (default:
#           every drill of the fixtures measured, load drills left out: their
#           lesson is a p95 under a fixed arrival rate, not a data size), without the
#           mutation step unless --mutants (mutants test the data's edge rows,
#           which do not change with the scale).  Prints each drill's verdict
#           and time, then the count sound; a drill whose drill.json
#           "scale_limit" is below the scale is counted apart, as bounded
#           (its refusal is what learners get there; docs/drill-format.md).
#
# Usage: bench/scale.sh [--scale N] [--fixture F]... [--no-lesson] [--mutants] [DRILL...]
#   PGDRILL=path/to/pgdrill (default build/pgdrill)
set -euo pipefail
cd "$(dirname "$0")/.."

big=10
fixtures=()
drills=()
lesson=1
mutants=--no-mutants
while [ $# -gt 0 ]; do
    case $1 in
        --scale) big=$2; shift 2 ;;
        --fixture) fixtures+=("$2"); shift 2 ;;
        --no-lesson) lesson=0; shift ;;
        --mutants) mutants=""; shift ;;
        -*) echo "usage: $0 [--scale N] [--fixture F]... [--no-lesson] [--mutants] [DRILL...]" >&2; exit 2 ;;
        *) drills+=("$1"); shift ;;
    esac
done
pgdrill=${PGDRILL:-$(pwd)/build/pgdrill}
[ -x "$pgdrill" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 4; }

home=$(mktemp -d /tmp/pgdrill-bench-scale-XXXXXX)
chmod 755 "$home"
# no clone pool: at scale 10 its two clones per template (seeds, every
# drill's edge dataset) filled a 97 GB disk before the catalogue was done
export XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state XDG_DATA_HOME=$home/data \
       XDG_CONFIG_HOME=$home/config PGDRILL_DB= PGDRILL_SCALE= PGDRILL_POOL=0
cleanup() {
    "$pgdrill" db stop -q >/dev/null 2>&1 || true
    rm -rf "$home"
}
trap cleanup EXIT

catalogue=$("$pgdrill" list --format json)
if [ ${#fixtures[@]} -eq 0 ]; then
    if [ ${#drills[@]} -gt 0 ]; then
        mapfile -t fixtures < <(python3 -c 'import json,sys
c=json.loads(sys.argv[1]); want=set(sys.argv[2:])
print("\n".join(sorted({d["fixture"] for d in c["drills"] if d["id"] in want})))' "$catalogue" "${drills[@]}")
    else
        mapfile -t fixtures < <(python3 -c 'import json,sys
print("\n".join(sorted({d["fixture"] for d in json.loads(sys.argv[1])["drills"]})))' "$catalogue")
    fi
fi
if [ ${#drills[@]} -eq 0 ]; then
    mapfile -t drills < <(python3 -c 'import json,sys
c=json.loads(sys.argv[1]); fx=set(sys.argv[2:])
print("\n".join(d["id"] for d in c["drills"] if d["fixture"] in fx and d["kind"] != "load"))' "$catalogue" "${fixtures[@]}")
fi

"$pgdrill" db start -q >/dev/null
now() { date +%s%N; }
secs() { python3 -c "print('%.1f' % (($2 - $1) / 1e9))"; }

echo "pgdrill scale benchmark: scale 1 vs $big, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "build (pgdrill start with no template yet: seed 1's template, then the personal copy):"
printf "  %-12s %10s %10s %8s\n" fixture "scale 1 s" "scale $big s" ratio
for f in "${fixtures[@]}"; do
    d=$(python3 -c 'import json,sys
c=[d for d in json.loads(sys.argv[1])["drills"] if d["fixture"] == sys.argv[2]
   and d.get("scale_limit", {}).get("max", 1e9) >= float(sys.argv[3])]
c.sort(key=lambda d: d["kind"] == "load")
print(c[0]["id"])' "$catalogue" "$f" "$big")
    t=()
    for s in 1 "$big"; do
        t0=$(now); "$pgdrill" start "$d" --scale "$s" -q >/dev/null; t1=$(now)
        t+=("$(secs "$t0" "$t1")")
    done
    printf "  %-12s %10s %10s %7sx\n" "$f" "${t[0]}" "${t[1]}" \
        "$(python3 -c "print('%.1f' % (${t[1]} / max(${t[0]}, 0.05)))")"
done

[ "$lesson" -eq 1 ] || exit 0
echo
echo "lesson (author verify --scale $big ${mutants:-with mutants}):"
sound=0
bounded=0
for d in "${drills[@]}"; do
    t0=$(now)
    out=$("$pgdrill" author verify "$d" --scale "$big" $mutants -q --format json 2>&1) || true
    # sound: the database checks ran and found nothing; bounded: drill.json's
    # scale_limit says the lesson does not hold at this scale (not run)
    verdict=$(python3 -c 'import json,sys
try:
    r = json.loads(sys.argv[1])["drills"][0]
except Exception:
    print("NOT SOUND: " + (sys.argv[1].strip().splitlines() or ["no output"])[0]); sys.exit()
if r.get("beyond_scale_limit"):
    print("bounded (drill.json scale_limit %g): not run" % r["scale_limit"])
elif r["sound"] and r["db_checked"]:
    print("sound")
else:
    print("NOT SOUND: " + ((r["problems"] or r["notes"] or ["?"])[0]))' "$out")
    case $verdict in
        sound) sound=$((sound + 1)) ;;
        bounded*) bounded=$((bounded + 1)) ;;
    esac
    t1=$(now)
    printf "  %-40s %7s s  %s\n" "$d" "$(secs "$t0" "$t1")" "$verdict"
done
echo
echo "${sound} of $(( ${#drills[@]} - bounded )) drills sound at scale $big" \
     "(${bounded} more bounded below it by their scale_limit, not run)"
