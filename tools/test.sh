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
# 4. Checks the drill catalogue with `pgdrill author verify --all` when that
#    command exists.
# 5. Prints the totals of test cases on a line of their own: "N passed, N failed".
set -uo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

packages=(meson ninja-build gcc clang pkg-config python3 libpq-dev libpg-query-dev
          libcmocka-dev libcjson-dev postgresql-15 postgresql-client-15 libxml2-utils python3-yaml chromium)

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

status=0
builds=(build)
[ "${PGDRILL_NO_ASAN:-0}" = "1" ] || builds+=(build-asan)

for b in "${builds[@]}"; do
    echo "== $b: configure and compile"
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
    echo "== $b: unit and db suites"
    # ASan: fail on the first error; keep leak checking on.
    ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        meson test -C "$b" --print-errorlogs --num-processes 2 || status=1
done

# The catalogue must be sound at its default scale (docs/authoring.md).  It
# gets a home of its own under /tmp (not the user's cache, not root's).
verify_home=/tmp/pgdrill-verify-$(id -u)
if [ -x build/pgdrill ] && build/pgdrill author --help >/dev/null 2>&1; then
    echo "== author verify --all"
    mkdir -p "$verify_home/cache" "$verify_home/state" && chmod 755 "$verify_home" "$verify_home/cache"
    XDG_CACHE_HOME=$verify_home/cache XDG_STATE_HOME=$verify_home/state \
        build/pgdrill author verify --all -q || status=1
fi

# Under CI nothing may outlive the run: stop the test clusters (locally they
# stay up, so the next run skips building the templates).
if [ "${CI:-}" = "true" ]; then
    for home in /tmp/pgdrill-test-"$(id -u)"-* /tmp/pgdrill-sandbox-"$(id -u)"-* "$verify_home"; do
        [ -d "$home/cache" ] && XDG_CACHE_HOME=$home/cache build/pgdrill db stop -q >/dev/null 2>&1
    done
fi

python3 tools/test_totals.py "${builds[@]}"
t=$?
[ $t -ne 0 ] && status=1
exit $status
