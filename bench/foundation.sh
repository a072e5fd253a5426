#!/usr/bin/env bash
# bench/foundation.sh — how fast is a first drill, and a warm one?
#
# Measured in the same run, on this machine:
#   cold:  `pgdrill start DRILL` with no cluster yet: the time to first prompt
#          (its first line of output: the prompt is printed before anything
#          is provisioned) and the time until it is done, the scratch copy
#          ready (initdb, start, seed 1's template, personal copy: the second
#          seed's template is built by the first check, docs/learner.md)
#          vs the hand-scripted cold path a learner would otherwise script
#          before writing SQL: initdb, pg_ctl start, then for each of the two
#          seeds createdb + psql running the fixture's scripts + VACUUM
#          (FREEZE, ANALYZE) with the same statistics target.
#          Also printed: the first `check` of the reference after that start
#          (it builds seed 2's template, then grades), and start + first check
#          together vs the same baseline (the work deferred, not removed).
#   warm:  `pgdrill start DRILL --reset` (cluster up, templates built: a fresh
#          personal copy, handed out by the cluster's keeper, which the
#          first start left: engine/sandbox/keeper.h) vs a bare `CREATE
#          DATABASE ... TEMPLATE` through psql (both strategies: FILE_COPY,
#          which pgdrill uses, and PG 15's default WAL_LOG).  Also timed:
#          the same start without the keeper (PGDRILL_KEEPER_IDLE=0: its own
#          connection, a pooled clone renamed).
# Prints each figure (median of the runs) and the ratios; targets: first
# prompt <= 0.35x, warm <= 0.2x (issue 15).
#
# Usage: bench/foundation.sh [--drill ID] [--scale N] [--cold-runs N] [--warm-runs N]
# Needs a built ./build/pgdrill and runs as root or a normal user.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/settle.sh

drill=""
scale=1
cold_runs=2
warm_runs=7
while [ $# -gt 0 ]; do
    case $1 in
        --drill) drill=$2; shift 2 ;;
        --scale) scale=$2; shift 2 ;;
        --cold-runs) cold_runs=$2; shift 2 ;;
        --warm-runs) warm_runs=$2; shift 2 ;;
        *) echo "usage: $0 [--drill ID] [--scale N] [--cold-runs N] [--warm-runs N]" >&2; exit 2 ;;
    esac
done

pgdrill=$(pwd)/build/pgdrill
[ -x "$pgdrill" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 4; }
[ -n "$drill" ] || drill=$("$pgdrill" list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["drills"][0]["id"])')
fixture=$("$pgdrill" show "$drill" --no-plan --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["fixture"])')
fixdir=$(pwd)/fixtures/$fixture
# the fixture's scripts in the order one psql session runs them: a group of
# side-by-side scripts (docs/fixture-format.md) flattened in its listed order
scripts=$(python3 -c 'import json,sys
print(" ".join(x for s in json.load(open(sys.argv[1]))["scripts"] for x in (s if isinstance(s, list) else [s])))' "$fixdir/fixture.json")
bindir=${PGDRILL_PG_BINDIR:-$(pg_config --bindir)}

work=$(mktemp -d /tmp/pgdrill-bench-XXXXXX)
chmod 755 "$work"
as_server=()
server_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    server_user=${PGDRILL_SERVER_USER:-postgres}
    as_server=(runuser -u "$server_user" --)
    chown "$server_user" "$work"
fi
cleanup() {
    for d in "$work"/cold-*/cache/pgdrill/cluster/data "$work"/base-*/data "$work"/warm/cache/pgdrill/cluster/data; do
        [ -f "$d/postmaster.pid" ] && "${as_server[@]}" "$bindir/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# bash's own clock: no process started inside a timed interval (a $(date)
# costs 5-13 ms here, as much as a warm start)
secs() { python3 -c "print('%.3f' % ($2 - $1))"; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

echo "pgdrill foundation benchmark: drill $drill, fixture $fixture, scale $scale, $(nproc) cores"

# --- cold: pgdrill ---
cold=(); ready=(); first_check=()
reference=$(pwd)/drills/$drill/reference.sql
for i in $(seq "$cold_runs"); do
    home=$work/cold-$i
    mkdir -p "$home/cache" "$home/state"
    [ ${#as_server[@]} -gt 0 ] && chown -R "$server_user" "$home" && chmod -R 755 "$home"
    t0=$EPOCHREALTIME
    # the reader (a subshell: no program to load) notes when the first line
    # arrives, then drains the rest
    XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state PGDRILL_DB= \
        "$pgdrill" start "$drill" --scale "$scale" -q \
        | { IFS= read -r _; echo "$EPOCHREALTIME" > "$work/first"; cat >/dev/null; }
    t1=$EPOCHREALTIME
    cold+=("$(secs "$t0" "$(cat "$work/first")")")
    ready+=("$(secs "$t0" "$t1")")
    echo "  cold pgdrill start, run $i: first prompt ${cold[-1]} s, scratch copy ready ${ready[-1]} s"
    if [ -f "$reference" ]; then
        t0=$EPOCHREALTIME
        XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state PGDRILL_DB= \
            "$pgdrill" check "$drill" --scale "$scale" --answer "$reference" --runs 1 -q >/dev/null
        t1=$EPOCHREALTIME
        first_check+=("$(secs "$t0" "$t1")")
        echo "  first check of the reference after it (builds seed 2), run $i: ${first_check[-1]} s"
    fi
    XDG_CACHE_HOME=$home/cache "$pgdrill" db stop -q >/dev/null 2>&1 || true
done

# --- cold: the hand-scripted baseline ---
base=()
for i in $(seq "$cold_runs"); do
    dir=$work/base-$i
    mkdir -p "$dir"
    [ ${#as_server[@]} -gt 0 ] && chown "$server_user" "$dir"
    t0=$EPOCHREALTIME
    "${as_server[@]}" "$bindir/initdb" -D "$dir/data" --no-sync -A trust -U "$server_user" \
        --encoding=UTF8 --locale=C >/dev/null
    "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
        "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c shared_buffers=256MB -c max_wal_size=4GB -c wal_level=minimal -c max_wal_senders=0" \
        start >/dev/null
    for seed in 1 2; do
        "${as_server[@]}" "$bindir/createdb" -h "$dir" -U "$server_user" "shop$seed"
        args=(-X -q -v ON_ERROR_STOP=1 -h "$dir" -U "$server_user" -d "shop$seed"
              -c "SET pgdrill.seed = '$seed'; SET pgdrill.scale = '$scale'")
        for s in $scripts; do args+=(-f "$fixdir/$s"); done
        args+=(-c "SET default_statistics_target = 10000" -c "VACUUM (FREEZE, ANALYZE)")
        "${as_server[@]}" psql "${args[@]}" >/dev/null
    done
    t1=$EPOCHREALTIME
    base+=("$(secs "$t0" "$t1")")
    "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    echo "  cold baseline (initdb + start + psql scripts, 2 seeds), run $i: ${base[-1]} s"
done

# --- warm ---
home=$work/warm
mkdir -p "$home/cache" "$home/state"
[ ${#as_server[@]} -gt 0 ] && chown -R "$server_user" "$home" && chmod -R 755 "$home"
export XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state PGDRILL_DB=
"$pgdrill" start "$drill" --scale "$scale" -q >/dev/null
conninfo=$("$pgdrill" db status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["conninfo"])')
tpl=$(psql -X -At "$conninfo" -c "SELECT datname FROM pg_database WHERE datname LIKE 'pgdrill\_t\_${fixture}\_1\_%' LIMIT 1")
export PGOPTIONS='-c client_min_messages=warning'
# Each timed step starts from a clean checkpoint: FILE_COPY checkpoints, and
# would otherwise pay for the dirty buffers the previous step left behind.
ckpt() { psql -X -q "$conninfo" -c CHECKPOINT >/dev/null; }
settle "$conninfo" "start"
# the keeper the first start left answers (else the figure would be the other path's)
for _ in $(seq 100); do
    [ "$("$pgdrill" db status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["keeper_pid"] is not None)')" = True ] && break
    sleep 0.1
done
"$pgdrill" start "$drill" --scale "$scale" --reset --format json \
    | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["by_keeper"] else "no keeper answered start")'
settle "$conninfo" "start"
warm=(); nokeeper=(); bare_fc=(); bare_wl=()
for i in $(seq "$warm_runs"); do
    ckpt
    t0=$EPOCHREALTIME; "$pgdrill" start "$drill" --scale "$scale" --reset -q >/dev/null; t1=$EPOCHREALTIME
    warm+=("$(secs "$t0" "$t1")")
    settle "$conninfo" "start"
    ckpt
    t0=$EPOCHREALTIME; PGDRILL_KEEPER_IDLE=0 "$pgdrill" start "$drill" --scale "$scale" --reset -q >/dev/null; t1=$EPOCHREALTIME
    nokeeper+=("$(secs "$t0" "$t1")")
    settle "$conninfo" "start"
    psql -X -q "$conninfo" -c "DROP DATABASE IF EXISTS bench_copy" >/dev/null
    ckpt
    t0=$EPOCHREALTIME; psql -X -q "$conninfo" -c "CREATE DATABASE bench_copy TEMPLATE $tpl STRATEGY FILE_COPY" >/dev/null; t1=$EPOCHREALTIME
    bare_fc+=("$(secs "$t0" "$t1")")
    psql -X -q "$conninfo" -c "DROP DATABASE bench_copy" >/dev/null
    ckpt
    t0=$EPOCHREALTIME; psql -X -q "$conninfo" -c "CREATE DATABASE bench_copy TEMPLATE $tpl" >/dev/null; t1=$EPOCHREALTIME
    bare_wl+=("$(secs "$t0" "$t1")")
    psql -X -q "$conninfo" -c "DROP DATABASE bench_copy" >/dev/null
done
"$pgdrill" db stop -q >/dev/null 2>&1 || true

c=$(median "${cold[@]}"); r=$(median "${ready[@]}"); b=$(median "${base[@]}")
w=$(median "${warm[@]}"); n=$(median "${nokeeper[@]}"); f=$(median "${bare_fc[@]}"); l=$(median "${bare_wl[@]}")
echo
printf "first prompt:      pgdrill %8.3f s   baseline %8.3f s   ratio %sx (target <= 0.35x)\n" "$c" "$b" "$(ratio "$c" "$b")"
printf "scratch copy ready: pgdrill %7.3f s   baseline %8.3f s   ratio %sx (start done: seed 1 built)\n" "$r" "$b" "$(ratio "$r" "$b")"
if [ ${#first_check[@]} -gt 0 ]; then
    k=$(median "${first_check[@]}"); t=$(python3 -c "print('%.3f' % ($r + $k))")
    printf "first check:       pgdrill %8.3f s   (seed 2's template, then grading --runs 1)\n" "$k"
    printf "start + check:     pgdrill %8.3f s   baseline %8.3f s   ratio %sx (both seeds built)\n" "$t" "$b" "$(ratio "$t" "$b")"
fi
printf "warm start:        pgdrill %8.3f s   CREATE DATABASE FILE_COPY %8.3f s   ratio %sx (target <= 0.2x, issue 15)\n" "$w" "$f" "$(ratio "$w" "$f")"
printf "                                      CREATE DATABASE WAL_LOG   %8.3f s   ratio %sx\n" "$l" "$(ratio "$w" "$l")"
printf "warm, no keeper:   pgdrill %8.3f s   CREATE DATABASE FILE_COPY %8.3f s   ratio %sx (PGDRILL_KEEPER_IDLE=0)\n" "$n" "$f" "$(ratio "$n" "$f")"
