#!/usr/bin/env bash
# tools/test.sh — the one test command (README quick start, and .ci/run).
#
# 1. Installs the Debian packages pgdrill needs when any is missing (as root,
#    or through sudo).
# 2. Builds pgdrill (build/) and runs the unit and db suites.  The db suite
#    starts pgdrill's private PostgreSQL cluster under /tmp/pgdrill-test-<uid>-<hash>
#    (never skipped under CI=true: a missing PostgreSQL fails it).
# 3. Builds again with AddressSanitizer + UndefinedBehaviorSanitizer
#    (build-asan/) and runs both suites there too (skip with PGDRILL_NO_ASAN=1).
# 4. Checks the drill catalogue with `pgdrill author verify` over every
#    drill when that command exists: beside the sanitizer build, then the
#    load drills alone (below).
# 5. Stops every test cluster this checkout started and removes the test
#    homes (always: a learner's machine keeps nothing either), then checks
#    that no postgres of those homes still runs (one more test case).
# 6. Prints the totals of test cases on a line of their own: "N passed, N failed".
set -uo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

packages=(meson ninja-build gcc clang pkg-config python3 libpq-dev libpg-query-dev
          libcmocka-dev libcjson-dev postgresql-15 postgresql-client-15 libxml2-utils
          man-db pgbouncer python3-yaml chromium)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || exit 4
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" || exit 4
fi

# Nothing may outlive the run, on a learner's machine as under CI: stop the
# private cluster of every home this checkout's tests used (each build's
# tests/db/test_homes names them; another checkout's homes are not ours) and
# remove the homes -- at the end, and on Ctrl-C.  Then check that no
# postgres of those homes still runs: one more test case in the totals.
# The postmasters whose data directory is under $1 ("pid args" lines): a
# postmaster's command line names it, postgres -D DIR.
postmasters_under() {
    ps -eo pid=,args= | awk -v h="$1/" '$2 ~ /postgres$/ && index($0, "-D " h) {print}'
}
homes=()
clean_test_homes() {
    homes=()
    [ -n "${verify_home:-}" ] && homes+=("$verify_home")
    for b in "${builds[@]}"; do
        [ -x "$b/tests/db/test_homes" ] && mapfile -t -O ${#homes[@]} homes < <("$b/tests/db/test_homes")
    done
    echo "== clean-up: ${#homes[@]} test homes"
    for home in "${homes[@]}"; do
        [ -d "$home" ] || continue
        [ -d "$home/cache" ] && [ -x build/pgdrill ] &&
            XDG_CACHE_HOME=$home/cache build/pgdrill db stop -q >/dev/null 2>&1
        # a test that died mid-way may leave a cluster in a fresh home below
        # this one: fast shutdown (SIGINT) of exactly those postmasters
        for pid in $(postmasters_under "$home" | awk '{print $1}'); do
            kill -INT "$pid" 2>/dev/null
        done
        for _ in $(seq 1 50); do
            [ -z "$(postmasters_under "$home")" ] && break
            sleep 0.2
        done
        rm -rf "$home"
    done
}
trap '[ -n "${verify_pid:-}" ] && kill "$verify_pid" 2>/dev/null; clean_test_homes; exit 130' INT TERM

# Each phase's wall time, printed when it ends ("-- 312 s: build: unit and
# db suites"): where CI's budget goes (docs/ci.md).
phase_name="" phase_start=0
phase() {
    local now
    now=$(date +%s)
    [ -n "$phase_name" ] && echo "-- $((now - phase_start)) s: $phase_name"
    phase_name=$1 phase_start=$now
    [ -n "$1" ] && [ "${2:-}" != quiet ] && echo "== $1"
    return 0
}

status=0
builds=(build)
[ "${PGDRILL_NO_ASAN:-0}" = "1" ] || builds+=(build-asan)

# The catalogue must be sound at its default scale (docs/authoring.md):
# `author verify` over every drill.  It runs in the plain build's shared
# test home (under /tmp, not the user's cache, not root's; made by this
# run's db tests and removed below), whose cluster already holds the
# templates of every fixture; without that home (the plain build failed),
# in a fresh one.  Its state is its own.  It starts once the plain build's
# suites are done, beside the sanitizer build (which uses homes and a
# cluster of its own): verify works one query at a time and left the
# second core idle for twelve minutes of CI's budget.  Its measurements
# interleave slow query and reference, so a neighbour's load slows both
# alike; the load drills, whose p95 under pgbench a neighbour would change,
# are verified afterwards, alone.  Its verdict is one more test case in the
# totals.
verify_home="" verify_pid="" verify_case=() verify_load=()
verify_start() {
    local ids=() line
    [ -x build/pgdrill ] && build/pgdrill author --help >/dev/null 2>&1 || return 0
    if [ -x build/tests/db/test_homes ]; then
        verify_home=$(build/tests/db/test_homes | head -n 1)
        [ -d "$verify_home/cache" ] || verify_home=""
    fi
    [ -n "$verify_home" ] || verify_home=$(mktemp -d "/tmp/pgdrill-verify-$(id -u).XXXXXX")
    mkdir -p "$verify_home/cache" "$verify_home/verify-state" &&
        chmod 755 "$verify_home" "$verify_home/cache" || return 1
    while IFS=' ' read -r kind id; do
        if [ "$kind" = load ]; then verify_load+=("$id"); else ids+=("$id"); fi
    done < <(python3 - "$root/drills" <<'PY'
# every drill directory, as `verify --all` walks them; a drill.json that
# does not parse is verified with the others (verify reports it)
import json, os, sys
top = sys.argv[1]
for name in sorted(os.listdir(top)):
    path = os.path.join(top, name, "drill.json")
    if not os.path.isfile(path):
        continue
    try:
        kind = json.load(open(path)).get("kind", "rewrite")
    except (ValueError, AttributeError):
        kind = "?"
    print(kind, name)
PY
)
    [ ${#ids[@]} -gt 0 ] || { echo "author verify: no drills listed"; return 1; }
    echo "== author verify: ${#ids[@]} drills, beside the next build (output when done)"
    verify_started=$(date +%s)
    ( verify_run "${ids[@]}" > "$verify_home/verify.log" 2>&1 ) &
    verify_pid=$!
}
verify_run() {
    XDG_CACHE_HOME=$verify_home/cache XDG_STATE_HOME=$verify_home/verify-state \
        build/pgdrill author verify -q "$@"
}
verify_finish() {
    local ok=1
    if [ -n "$verify_pid" ]; then
        wait "$verify_pid" || ok=0
        verify_pid=""
        cat "$verify_home/verify.log"
        echo "-- $(( $(date +%s) - verify_started )) s: author verify (beside build-asan)"
        if [ ${#verify_load[@]} -gt 0 ]; then
            phase "author verify: the ${#verify_load[@]} load drills, alone"
            verify_run "${verify_load[@]}" || ok=0
        fi
        [ $ok -eq 1 ] && verify_case=("--case=author verify --all=passed") ||
            verify_case=("--case=author verify --all=failed")
        [ $ok -eq 1 ] || status=1
    fi
}

for b in "${builds[@]}"; do
    phase "$b: configure and compile"
    # a stale test log must never be counted as this run's results
    rm -f "$b/meson-logs/testlog.json"
    opts=()
    [ "$b" = build-asan ] && opts=(-Db_sanitize=address,undefined -Db_lundef=false)
    if [ -d "$b" ]; then
        meson setup --reconfigure "$b" "${opts[@]}" >/dev/null || { status=1; continue; }
    else
        meson setup "$b" "${opts[@]}" >/dev/null || { status=1; continue; }
    fi
    ninja -C "$b" || { status=1; continue; }
    phase "$b: unit and db suites"
    # build-asan's sanitizer options come from its default test setup
    # (meson.build: add_test_setup('sanitize')).  The sweeps of the whole
    # catalogue (suite 'catalogue'), the browser test and docs/ci.md's
    # workflows (each builds pgdrill twice more) run once, in the plain
    # build: under the sanitizers they would repeat the same code paths for
    # a quarter of an hour (CI's budget, docs/architecture.md).
    skip=()
    [ "$b" = build-asan ] && skip=(--no-suite catalogue --no-suite browser --no-suite ci)
    meson test -C "$b" --print-errorlogs --num-processes 2 "${skip[@]}" || status=1
    [ "$b" = build ] && { verify_start || status=1; }
done
phase ""
verify_finish

phase clean-up quiet
clean_test_homes
phase ""
left=""
for home in "${homes[@]}"; do
    left+=$(postmasters_under "$home")
done
# pgdrill processes of these builds working in a test home: a keeper
# (engine/sandbox/keeper.h) or a detached refill leaves with its cluster,
# within moments (the learner's own pgdrill processes are not the tests')
pgdrills_of_builds() {
    local p exe cache b home
    for p in /proc/[0-9]*; do
        exe=$(readlink "$p/exe" 2>/dev/null) || continue
        for b in "${builds[@]}"; do
            [ "$exe" = "$root/$b/pgdrill" ] || continue
            cache=$(tr '\0' '\n' < "$p/environ" 2>/dev/null | sed -n 's/^XDG_CACHE_HOME=//p')
            for home in "${homes[@]}"; do
                case $cache in "$home"/*) echo "${p#/proc/} $(tr '\0' ' ' < "$p/cmdline" 2>/dev/null)" ;; esac
            done
        done
    done
}
for _ in $(seq 1 50); do
    [ -z "$(pgdrills_of_builds)" ] && break
    sleep 0.2
done
left+=$(pgdrills_of_builds)
residue_case="--case=nothing left running"
if [ -n "$left" ]; then
    echo "test clusters or pgdrill processes still running after clean-up:"
    echo "$left"
    residue_case+="=failed"
    status=1
else
    residue_case+="=passed"
fi

python3 tools/test_totals.py "${verify_case[@]}" "$residue_case" "${builds[@]}"
t=$?
[ $t -ne 0 ] && status=1
exit $status
