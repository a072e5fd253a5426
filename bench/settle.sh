# bench/settle.sh — sourced by the benches: wait for a command's after-work.
#
# `check` and `start` leave work for after their answer (engine/sandbox/pool.h:
# dropping scratch databases, refilling the clone pool) to a detached
# process.  settle CONNINFO WHAT waits (up to 120 s, untimed) until no scratch
# database is left and no CREATE/DROP DATABASE runs, so that a baseline timed
# next never runs beside that work; exits 4 when it does not finish.
settle() {
    local n
    for _ in $(seq 400); do
        n=$(psql -X -At "$1" -c "SELECT (SELECT count(*) FROM pg_database WHERE datname LIKE 'pgdrill\\_s\\_%') + (SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query ~* '^(CREATE|DROP) DATABASE')")
        [ "$n" = 0 ] && return 0
        sleep 0.3
    done
    echo "$2's after-work did not finish in 120 s" >&2
    exit 4
}
