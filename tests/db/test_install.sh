#!/usr/bin/env bash
# tests/db/test_install.sh — an installed pgdrill is a real tool.
#
# `meson install --destdir` into a temporary root, then, with the source tree
# (and the build directory inside it) hidden behind an empty tmpfs in a
# private mount namespace, the installed binary must
#   1. list the drills from its own share/pgdrill,
#   2. check a drill's reference answer on a private cluster (PASS, exit 0),
#   3. name itself the way it was run in what it suggests,
# and `man -l` must render the installed pgdrill(1).  Hiding needs root
# (unshare -m); without it the test is skipped (exit 77), never faked.
# The cluster lives in a home of its own under /tmp (pgdrill-test-<uid>-install.*)
# that is stopped and removed on every exit path.
#
# Usage (meson test sets them): test_install.sh SOURCE_DIR BUILD_DIR
# Prints cmocka-style totals so tools/test_totals.py counts its cases.
set -uo pipefail
src=$1
build=$2
drill=shop-orders-on-a-day

echo "[==========] Running 4 test(s)."
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
    echo "SKIP: hiding the source tree needs root and unshare -m"
    exit 77
fi
home=$(mktemp -d "/tmp/pgdrill-test-$(id -u)-install.XXXXXX") || exit 1
chmod 755 "$home"
bin=""
cleanup() {
    if [ -n "$bin" ] && [ -x "$bin" ]; then
        XDG_CACHE_HOME=$home/cache "$bin" db stop -q >/dev/null 2>&1
    fi
    rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
ok() { echo "[       OK ] $1"; passed=$((passed + 1)); }
ko() { echo "[  FAILED  ] $1: $2"; failed=$((failed + 1)); }

dest=$home/dest
if ! meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$home/install.log" 2>&1; then
    cat "$home/install.log"
    echo "[  FAILED  ] 1 test(s), listed below: meson install"
    exit 1
fi
bin=$(find "$dest" -path '*/bin/pgdrill' -type f | head -n 1)
man=$(find "$dest" -path '*/man1/pgdrill.1' -type f | head -n 1)
data=$(find "$dest" -path '*/share/pgdrill/drills' -type d | head -n 1)
if [ -z "$bin" ] || [ -z "$man" ] || [ -z "$data" ] ||
   [ -z "$(find "$dest" -path '*/doc/pgdrill/cli.md')" ]; then
    find "$dest" -maxdepth 5
    echo "[  FAILED  ] 1 test(s), listed below: installed layout (bin, man1, share/pgdrill, doc)"
    exit 1
fi

# Run the installed binary with $src hidden: an empty tmpfs on top of it.
hidden() {
    unshare -m sh -c 'mount -t tmpfs -o size=1m pgdrill-hidden "$1" || exit 99
                      [ -z "$(ls -A "$1")" ] || exit 98
                      shift; exec "$@"' sh "$src" env -u PGDRILL_DRILLS -u PGDRILL_FIXTURES \
        -u PGDRILL_DB XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/state" "$@"
}
mkdir -p "$home/cache" "$home/state" && chmod 755 "$home/cache"

# 1. list: every drill of the catalogue, from the installed data.
want=$(ls -d "$data"/*/ | wc -l)
out=$(hidden "$bin" list --format json 2>&1)
rc=$?
got=$(printf '%s' "$out" | grep -c '"id"')
if [ $rc -eq 0 ] && [ "$got" -ge "$want" ] && printf '%s' "$out" | grep -q "\"$drill\""; then
    ok "installed list shows the $want drills"
else
    ko "installed list" "exit $rc, $got ids for $want drills: $out"
fi

# 2. check: the drill's reference answer passes (the installed fixture and
#    drill files are read; nothing from the hidden tree).
cp "$data/$drill/reference.sql" "$home/answer.sql"
out=$(hidden "$bin" check "$drill" --answer "$home/answer.sql" --runs 1 -q 2>&1)
rc=$?
if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q PASS; then
    ok "installed check passes the reference"
else
    ko "installed check" "exit $rc: $out"
fi

# 3. the binary names itself as run; and with no catalogue it says where it
#    looked (its own share/pgdrill, not the source tree).
out=$(hidden "$bin" check 2>&1)
if printf '%s' "$out" | grep -qF "($bin list)"; then
    ok "messages name the program as run"
else
    ko "program name" "$out"
fi

# 4. the manual page renders.
if command -v man >/dev/null && MANWIDTH=80 man -l "$man" 2>/dev/null | grep -q "EXIT STATUS"; then
    ok "man -l renders pgdrill(1)"
else
    ko "man page" "man -l $man did not render (is man-db installed?)"
fi

if [ $failed -gt 0 ]; then
    echo "[  PASSED  ] $passed test(s)."
    echo "[  FAILED  ] $failed test(s), listed above."
    exit 1
fi
echo "[  PASSED  ] $passed test(s)."
