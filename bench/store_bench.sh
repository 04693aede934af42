#!/usr/bin/env bash
# store_bench.sh - ingest speed into the SQLite and PostgreSQL stores beside
# the same articles run without a store, store size per article, and the
# first-page latency of `stories`, `search` and `show` (docs/store.md).
#
# usage: bench/store_bench.sh BUILD_DIR DOCS_DIR N [BATCH]
#   DOCS_DIR  DUC 2006 documents (../shared/data/duc2006/docs): measured as
#             they are, and the source of a generated stream of N articles
#             (bench/gen_stream.py), ingested in one batch and in batches of
#             BATCH (default 1000)
# PostgreSQL runs inside pg_virtualenv (a throwaway server). Times are wall
# seconds and CPU seconds (user+sys) of the storyfold process; the server's
# own CPU is not in the PostgreSQL figure. Latencies are whole processes
# (start, open, query, print). Run on a quiet machine.
set -euo pipefail
inner=0
if [ "${1:-}" = --pg-inner ]; then inner=1; shift; fi
BUILD=$1 DOCS=$2 N=$3 BATCH=${4:-1000}
SF="$BUILD/storyfold"
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ $inner = 0 ]; then
    W=$(mktemp -d)
    trap 'rm -rf "$W"' EXIT
    python3 "$SRC/bench/gen_stream.py" "$N" "$DOCS" >"$W/stream.jsonl"
else
    W=$5
fi

time_of() { # LABEL ARTICLES -- CMD...
    local label=$1 n=$2; shift 3
    /usr/bin/time -f "%e %U %S" -o "$W/t" "$@" >/dev/null 2>&1 || true  # exit 1: DUC has a stray _DS_Store
    read -r wall u s < <(tail -1 "$W/t")
    awk -v l="$label" -v w="$wall" -v u="$u" -v s="$s" -v n="$n" \
        'BEGIN { c = u + s; printf "%-44s wall %7.2f s  cpu %7.2f s  %7.1f articles/s (cpu)\n", l, w, c, n / (c > 0 ? c : 1e-9) }'
}
latency() { # LABEL -- CMD...: median of 7 runs, ms
    local label=$1; shift 2
    for _ in 1 2 3 4 5 6 7; do
        local a b
        a=$(date +%s%N); "$@" >/dev/null || true; b=$(date +%s%N)
        echo $(((b - a) / 1000000))
    done | sort -n | sed -n 4p | awk -v l="$label" '{ printf "%-44s median %d ms (7 runs, whole process)\n", l, $1 }'
}
nduc=$(find "$DOCS" -type f ! -name '.*' ! -name '_*' | wc -l)

bench_backend() { # NAME DB_DUC DB_STREAM1 DB_STREAM
    local name=$1
    time_of "$name DUC 2006, one batch" "$nduc" -- "$SF" ingest --db "$2" "$DOCS"
    time_of "$name stream $N, one batch" "$N" -- "$SF" ingest --db "$3" "$W/stream.jsonl"
    time_of "$name stream $N, batches of $BATCH" "$N" -- "$SF" ingest --db "$4" --batch "$BATCH" "$W/stream.jsonl"
    latency "$name stories, first page (20)" -- "$SF" stories --db "$4" --limit 20
    latency "$name search 'police' (20)" -- "$SF" search --db "$4" police
    latency "$name search 'minister said' (20)" -- "$SF" search --db "$4" "minister said"
    latency "$name show s1" -- "$SF" show --db "$4" s1
    "$BUILD/bench_store" "$4" police "minister said" | sed "s/^/$name in-process: /"
}

if [ $inner = 1 ]; then
    for d in duc stream1 stream; do psql -q -c "CREATE DATABASE $d"; done
    bench_backend postgresql postgresql:///duc postgresql:///stream1 postgresql:///stream
    for d in duc stream; do
        n=$([ $d = duc ] && echo "$nduc" || echo "$N")
        sz=$(psql -Atc "SELECT pg_database_size('$d') - pg_database_size('template1')")
        echo "postgresql $d store: $sz bytes over an empty database, $((sz / n)) bytes per article"
    done
    exit 0
fi
echo "== no store"
time_of "run DUC 2006" "$nduc" -- "$SF" run --format json "$DOCS"
time_of "run stream $N" "$N" -- "$SF" run --format json "$W/stream.jsonl"
echo "== SQLite"
bench_backend sqlite "$W/duc.db" "$W/stream1.db" "$W/stream.db"
for f in duc stream; do
    n=$([ $f = duc ] && echo "$nduc" || echo "$N")
    sz=$(stat -c %s "$W/$f.db")
    echo "sqlite $f store: $sz bytes, $((sz / n)) bytes per article"
done
if command -v pg_virtualenv >/dev/null; then
    echo "== PostgreSQL"
    pg_virtualenv -t bash "$0" --pg-inner "$BUILD" "$DOCS" "$N" "$BATCH" "$W" 2>&1 |
        grep --line-buffered -v '^Creating new\|^Dropping cluster\|^Ver Cluster\|^15 \+regress' || true
fi
