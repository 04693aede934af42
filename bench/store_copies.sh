#!/usr/bin/env bash
# store_copies.sh - what the store's near-duplicate index (src/store/copies.c)
# costs: two builds (this branch and a baseline, e.g. main) ingest the same
# JSON Lines stream into fresh SQLite stores in batches, one after the other,
# REPS times in turn. Per run: wall and CPU (user+sys) seconds of the
# storyfold process, the store's size (the file after the process closed it:
# SQLite folds the WAL back in), bytes per article, and for the new build the
# pages of article_bands and the copies marked (duplicate_of) in the store.
#
# usage: bench/store_copies.sh NEW_BUILD BASE_BUILD STREAM.jsonl
#   env BATCH (default 1000), REPS (default 2)
set -euo pipefail
NEW=$1/storyfold BASE=$2/storyfold IN=$3
BATCH=${BATCH:-1000} REPS=${REPS:-2}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
n=$(grep -c . "$IN")
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
run() { # LABEL BIN
    local db="$W/$1.db"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f "%e %U %S" -o "$W/t" "$2" ingest --db "$db" --batch "$BATCH" --now @1800000000 "$IN" >"$W/out" 2>"$W/err" ||
        { echo "$1: ingest failed"; cat "$W/err"; exit 1; }
    local size bands dups
    size=$(stat -c %s "$db")
    bands=$(sql "$db" "SELECT count(*) FROM dbstat WHERE name LIKE 'article_bands%'" 2>/dev/null || echo -)
    dups=$(sql "$db" "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")
    awk -v l="$1" -v t="$(tail -1 "$W/t")" -v s="$size" -v n="$n" -v b="$bands" -v d="$dups" 'BEGIN {
        split(t, x, " ");
        printf "%-5s wall %6.1f s  cpu %6.2f s  store %10d B  %6.0f B/article  article_bands %s pages  copies %d\n",
               l, x[1], x[2] + x[3], s, s / n, b, d }'
    sed 's/^/      /' "$W/out"
}
echo "stream $IN ($n articles), batches of $BATCH; load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$REPS"); do
    run new "$NEW"
    run base "$BASE"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
