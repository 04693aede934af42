#!/usr/bin/env bash
# store_compare.sh - ingest speed of two builds side by side (this branch and
# a baseline, e.g. main), in the same run: articles per second of `run` (no
# store), `ingest` into SQLite and into PostgreSQL, on DUC 2006 as it is and
# on a generated stream (bench/gen_stream.py), in one batch and in batches.
# Each line gives the new figure and the baseline's beside it. CPU is
# user+sys of the storyfold process (the PostgreSQL server's own CPU is not
# included); compare CPU, wall times move with the machine's load.
#
# usage: bench/store_compare.sh NEW_BUILD BASE_BUILD DUC_DIR [STREAM_DOCS...]
#   env N (stream size, default 5000), BATCH (default 1000), NOPG=1 (SQLite only),
#   PART=stream or PART=duc (only that input; two parts can run at the same time)
# e.g.  git archive 10485cd | tar -x -C /tmp/base && cmake -S /tmp/base -B /tmp/base/build -G Ninja
#       && cmake --build /tmp/base/build --target storyfold
#       bench/store_compare.sh build /tmp/base/build ../shared/data/duc2006/docs \
#           ../shared/data/duc2006/docs ../shared/data/duc2007/docs
set -euo pipefail
inner=0
if [ "${1:-}" = --pg-inner ]; then inner=1; shift; fi
NEWB=$1 BASEB=$2 NEW=$1/storyfold BASE=$2/storyfold DUC=$3
shift 3
N=${N:-5000} BATCH=${BATCH:-1000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ $inner = 0 ]; then
    W=$(mktemp -d)
    trap 'rm -rf "$W"' EXIT
    python3 "$SRC/bench/gen_stream.py" "$N" "${@:-$DUC}" >"$W/stream.jsonl"
else
    W=$1
fi
nduc=$(find "$DUC" -type f ! -name '.*' ! -name '_*' | wc -l)

one() { # BIN DB-or-- ARTICLES ARGS...: prints "cpu wall"
    local bin=$1 db=$2 n=$3; shift 3
    if [ "$db" = -- ]; then
        /usr/bin/time -f "%e %U %S" -o "$W/t" "$bin" run --format json "$@" >/dev/null 2>&1 || true
    else
        /usr/bin/time -f "%e %U %S" -o "$W/t" "$bin" ingest --db "$db" "$@" >/dev/null 2>&1 || true
    fi
    tail -1 "$W/t"
}
pair() { # LABEL N DBNEW DBBASE ARGS...
    local label=$1 n=$2 dn=$3 db=$4; shift 4
    local a b
    a=$(one "$NEW" "$dn" "$n" "$@")
    b=$(one "$BASE" "$db" "$n" "$@")
    awk -v l="$label" -v n="$n" -v a="$a" -v b="$b" 'BEGIN {
        split(a, x, " "); split(b, y, " "); cx = x[2] + x[3]; cy = y[2] + y[3];
        printf "%-38s new %6.1f art/s (cpu %6.2f s, wall %6.1f s) | base %6.1f art/s (cpu %6.2f s, wall %6.1f s)\n",
               l, n / (cx > 0 ? cx : 1e-9), cx, x[1], n / (cy > 0 ? cy : 1e-9), cy, y[1] }'
}

PART=${PART:-all}
want() { [ "$PART" = all ] || [ "$PART" = "$1" ]; }
backend() { # NAME DB-PREFIX (file prefix or postgresql:///)
    local name=$1 p=$2
    if want stream; then
        pair "$name stream $N, one batch" "$N" "${p}sn" "${p}sb" "$W/stream.jsonl"
        pair "$name stream $N, batches of $BATCH" "$N" "${p}bn" "${p}bb" --batch "$BATCH" "$W/stream.jsonl"
    fi
    if want duc; then pair "$name DUC 2006, one batch" "$nduc" "${p}dn" "${p}db" "$DUC"; fi
}
sizes() { # the stores this PART made: DB WHAT WHICH ARTICLES
    local d
    for d in "dn DUC new $nduc duc" "db DUC base $nduc duc" "bn stream-batched new $N stream" \
             "bb stream-batched base $N stream"; do
        set -- $d
        want "$5" || continue
        echo "$1 $2 $3 $4"
    done
}

if [ $inner = 1 ]; then
    for d in dn db sn sb bn bb; do psql -q -c "CREATE DATABASE $d"; done
    backend postgresql postgresql:///
    sizes | while read -r db what which n; do
        set -- "$db" "$what" "$which" "$n"
        sz=$(psql -Atc "SELECT pg_database_size('$1') - pg_database_size('template1')")
        echo "postgresql store, $2 $3: $sz bytes over an empty database, $((sz / $4)) bytes per article"
    done
    exit 0
fi
echo "== no store (storyfold run)"
if want stream; then pair "run stream $N" "$N" -- -- "$W/stream.jsonl"; fi
if want duc; then pair "run DUC 2006" "$nduc" -- -- "$DUC"; fi
echo "== SQLite"
backend sqlite "$W/"
sizes | while read -r db what which n; do
    set -- "$db" "$what" "$which" "$n"
    sz=$(stat -c %s "$W/$1")
    echo "sqlite store, $2 $3: $sz bytes, $((sz / $4)) bytes per article"
done
if [ "${NOPG:-0}" != 1 ] && command -v pg_virtualenv >/dev/null; then
    echo "== PostgreSQL"
    PART=$PART pg_virtualenv -t bash "$0" --pg-inner "$NEWB" "$BASEB" "$DUC" "$W" 2>&1 |
        grep --line-buffered -v '^Creating new\|^Dropping cluster\|^Ver Cluster\|^15 \+regress' || true
fi
