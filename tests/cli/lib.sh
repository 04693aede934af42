# lib.sh - helpers for end-to-end tests of the storyfold program.
# Each test script gets the program's path as $1; it exits 0 on success,
# 1 on failure, 77 to be counted as skipped.
SF="${1:?usage: $0 PATH_TO_STORYFOLD}"
SRC="${SF_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
SHARED="${SF_SHARED_DIR:-$SRC/../shared}"
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, output in $TMP/out, $TMP/err
expect_exit() {
    local want=$1 what=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok "$what (exit $got)"; else
        not_ok "$what: exit $got, wanted $want"; sed 's/^/  stderr: /' "$TMP/err" | head -5; fi
}
# expect_grep FILE PATTERN DESCRIPTION
expect_grep() {
    if grep -qE -- "$2" "$1"; then ok "$3"; else not_ok "$3: /$2/ not in $(basename "$1")"; head -c 600 "$1" | sed 's/^/  /'; fi
}
expect_no_grep() {
    if grep -qE -- "$2" "$1"; then not_ok "$3: /$2/ found in $(basename "$1")"; grep -E -- "$2" "$1" | head -3 | sed 's/^/  /'; else ok "$3"; fi
}
# pg_reexec SECONDS: run this test script again inside a throwaway
# PostgreSQL cluster (pg_virtualenv) and exit with its status; in that inner
# run it returns at once. Exits 77 (skipped, with the reason) when no server
# can be started.
pg_reexec() {
    if [ "${SF_PG_INNER:-}" = 1 ]; then
        touch "$SF_PG_MARK"
        return 0
    fi
    if ! command -v pg_virtualenv >/dev/null; then
        echo "skipped: pg_virtualenv not found (install postgresql-common: scripts/setup.sh)"
        exit 77
    fi
    export SF_PG_MARK="$TMP/started"
    SF_PG_INNER=1 timeout "$1" pg_virtualenv -t bash "$0" "$SF" >"$TMP/log" 2>&1
    local rc=$?
    grep -v '^Creating new\|^Dropping cluster\|^Ver Cluster\|^15 \+regress' "$TMP/log"
    if [ ! -f "$SF_PG_MARK" ]; then
        echo "skipped: pg_virtualenv could not start a PostgreSQL server (exit $rc)"
        exit 77
    fi
    exit "$rc"
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
