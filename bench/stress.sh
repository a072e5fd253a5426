#!/usr/bin/env bash
# bench/stress.sh — does anything grow over many checks?
#
# Runs N `pgdrill check`s in a row (default 200) on the probe drills of
# tests/hostile/catalogue: valid answers (the references, and the slow query,
# which fails) mixed with the hostile corpus (rejected ones and bombs that
# run into the deadline, temp_file_limit or the result caps).  Before and
# after it prints the server's databases, roles and backends, and pgdrill's
# peak RSS (GNU time's %M per run): its maximum, the mean per kind, and each
# repeated answer's last run against its first (the mean ratio must stay
# within 10%).  It ends with "nothing grew" or
# names what grew (exit 1).  Also counts wrong exit codes (expected: 0 for a
# reference, 1 for the slow query and bombs, 3 for rejections).
#
# Usage: bench/stress.sh [--checks N] [--bin PATH]
# Uses its own home under /tmp (its own private cluster), so it neither
# disturbs nor is disturbed by a developer's or the test suites' cluster.
# The cluster is stopped when the script ends; its data stays for the next
# run (which then skips building the templates).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

checks=200
bin=$root/build/pgdrill
while [ $# -gt 0 ]; do
    case $1 in
        --checks) checks=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        *) echo "usage: $0 [--checks N] [--bin PATH]" >&2; exit 2 ;;
    esac
done
[ -x "$bin" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 4; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time, Debian package 'time')" >&2; exit 4; }

home=/tmp/pgdrill-stress-$(id -u)
mkdir -p "$home/cache" "$home/state"
chmod 755 "$home" "$home/cache" "$home/state"
export XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state
export PGDRILL_DRILLS=$root/tests/hostile/catalogue/drills
export PGDRILL_FIXTURES=$root/tests/hostile/catalogue/fixtures
unset PGDRILL_DB
trap '"$bin" db stop -q >/dev/null 2>&1 || true' EXIT

# The cases: drill, answer file, expected exit code.
cases=()
for d in probe-rewrite probe-index; do
    cases+=("$d $PGDRILL_DRILLS/$d/reference.sql 0")
done
cases+=("probe-rewrite $PGDRILL_DRILLS/probe-rewrite/slow.sql 1")
for f in tests/hostile/*.sql; do
    exp=$(head -1 "$f" | sed -n 's/.*| expect: \([a-z]*\).*/\1/p')
    d=$(head -1 "$f" | sed -n 's/.*| drill: \([a-z-]*\).*/\1/p')
    [ "$exp" = rejected ] && code=3 || code=1
    cases+=("${d:-probe-rewrite} $root/$f $code")
done

# Warm up: cluster, roles and templates exist before the "before" figures.
"$bin" check probe-rewrite --answer "$PGDRILL_DRILLS/probe-rewrite/reference.sql" --runs 1 -q >/dev/null
conninfo=$("$bin" db status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["conninfo"])')

server_figures() {
    psql "$conninfo" -XAtq -F ' ' -c "
        SELECT (SELECT count(*) FROM pg_database),
               (SELECT count(*) FROM pg_roles),
               (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
               (SELECT count(*) FROM pg_stat_activity),
               (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'),
               (SELECT count(*) FROM pg_db_role_setting)"
}
# our own psql connection is one of the client backends, before and after alike
read -r db0 roles0 client0 backends0 adv0 settings0 < <(server_figures)

rss_file=$(mktemp)
wrong=0
start=$(date +%s.%N)
for ((i = 0; i < checks; i++)); do
    # every third check is a valid one; the rest walk through the corpus
    if ((i % 3 == 0)); then c=${cases[$(( (i / 3) % 3 ))]}; else c=${cases[$(( 3 + i % (${#cases[@]} - 3) ))]}; fi
    read -r drill answer want <<<"$c"
    set +e
    /usr/bin/time -f "%M" -o "$rss_file.one" "$bin" check "$drill" --answer "$answer" \
        --runs 1 --format json >/dev/null 2>&1
    code=$?
    set -e
    if [ "$code" -ne "$want" ]; then
        wrong=$((wrong + 1))
        echo "  check $i: $drill $(basename "$answer"): exit $code, expected $want" >&2
    fi
    echo "$i $want $(tail -1 "$rss_file.one") $drill/$(basename "$answer")" >>"$rss_file"
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
read -r db1 roles1 client1 backends1 adv1 settings1 < <(server_figures)

echo "bench/stress.sh: $checks checks in ${elapsed%.*} s ($(echo "scale=2; $elapsed / $checks" | bc) s each), $wrong with a wrong exit code"
printf "  %-26s %8s %8s\n" "" before after
printf "  %-26s %8s %8s\n" "databases" "$db0" "$db1"
printf "  %-26s %8s %8s\n" "roles" "$roles0" "$roles1"
printf "  %-26s %8s %8s\n" "client backends" "$client0" "$client1"
printf "  %-26s %8s %8s\n" "all backends" "$backends0" "$backends1"
printf "  %-26s %8s %8s\n" "advisory locks" "$adv0" "$adv1"
printf "  %-26s %8s %8s\n" "per-role/db settings" "$settings0" "$settings1"
python3 - "$rss_file" "$checks" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
rss = [int(r[2]) for r in rows]
# the same answer early and late: its first and last runs' RSS
by_case = {}
for r in rows:
    by_case.setdefault(r[3], []).append(int(r[2]))
pairs = [(v[0], v[-1]) for v in by_case.values() if len(v) >= 2]
worst = max((b / a for a, b in pairs), default=1.0)
mean_ratio = sum(b / a for a, b in pairs) / len(pairs) if pairs else 1.0
print("  pgdrill peak RSS (kB)      max %d, mean %.0f; same answer first vs last run:"
      % (max(rss), sum(rss) / len(rss)))
print("    %d answers repeated: mean ratio %.3f, worst %.3f" % (len(pairs), mean_ratio, worst))
for code, name in (("0", "valid (pass)"), ("1", "fail / bombs"), ("3", "rejected")):
    v = [int(r[2]) for r in rows if r[1] == code]
    if v:
        print("    %-24s %3d runs, mean %.0f kB, max %d kB" % (name, len(v), sum(v) / len(v), max(v)))
open(sys.argv[1] + ".ratio", "w").write("%.3f" % mean_ratio)
PY
ratio=$(cat "$rss_file.ratio")
rm -f "$rss_file" "$rss_file.one" "$rss_file.ratio"

grew=()
[ "$db1" -gt "$db0" ] && grew+=(databases)
[ "$roles1" -gt "$roles0" ] && grew+=(roles)
[ "$client1" -gt "$client0" ] && grew+=("client backends")
[ "$adv1" -gt "$adv0" ] && grew+=("advisory locks")
[ "$settings1" -gt "$settings0" ] && grew+=("role settings")
# per-process memory: the same work must not cost more later (10% for noise)
python3 -c "import sys; sys.exit(0 if float('$ratio') <= 1.10 else 1)" || grew+=("pgdrill RSS")
if [ ${#grew[@]} -eq 0 ] && [ "$wrong" -eq 0 ]; then
    echo "  nothing grew"
    exit 0
fi
[ ${#grew[@]} -gt 0 ] && echo "  GREW: ${grew[*]}"
exit 1
