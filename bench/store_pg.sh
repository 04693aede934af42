#!/bin/bash
# PostgreSQL ingest, this build against a base build, one after the other per
# case, with SQLite beside: wall time, the client's CPU (user + system), the
# server's CPU (the postmaster's own and that of its exited children, from
# /proc), store size (the database over an empty one; SQLite: file + WAL),
# and whether `stories --format json` is the same for both builds.
# Runs inside a throwaway cluster:
#   pg_virtualenv -t bash bench/store_pg.sh NEW BASE STREAM.jsonl DUC_DIR [OUT]
# e.g. pg_virtualenv -t bash bench/store_pg.sh build/storyfold /tmp/base/build/storyfold \
#        s5k.jsonl ../shared/data/duc2006/docs
# Cases: the stream in batches of 1,000 and in one batch of 5,000
# (PostgreSQL, SQLite), DUC_DIR in one batch (PostgreSQL).
set -e
NEW=$1 BASE=$2 STREAM=$3 DUC=$4 OUT=${5:-/tmp/store_pg.out}
[ -x "$NEW" ] && [ -x "$BASE" ] && [ -f "$STREAM" ] && [ -d "$DUC" ] || { echo "usage: see the header" >&2; exit 2; }
rm -rf "$OUT"; mkdir -p "$OUT"
NOW=@1800000000
createdb empty
EMPTY=$(psql -At -c "select pg_database_size('empty')" empty)
PM=$(head -1 "$(psql -At -c "show data_directory" empty)/postmaster.pid")
ticks() { awk '{print $14+$15+$16+$17}' "/proc/$PM/stat"; }
hz=$(getconf CLK_TCK)
run() { # name build db args...
    local name=$1 b=$2 db=$3; shift 3
    sleep 1; local t0; t0=$(ticks)
    /usr/bin/time -f "%e %U %S" -o "$OUT/$name.time" "$b" ingest --quiet --now $NOW --db "$db" "$@" >/dev/null
    sleep 1; local t1; t1=$(ticks) # the backend has exited and been reaped
    local w u sy size
    read -r w u sy <"$OUT/$name.time"
    case $db in
    postgresql*) size=$(($(psql -At -c "select pg_database_size('${db##*/}')" empty) - EMPTY)) ;;
    *) size=$(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0))) ;;
    esac
    printf "%-10s wall %7.1f  client CPU %6.1f  server CPU %6.1f  size %d  load %s\n" "$name" "$w" \
        "$(echo "$u + $sy" | bc)" "$(echo "($t1 - $t0) / $hz" | bc -l)" "$size" \
        "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/summary.txt"
    "$b" stories --db "$db" --format json >"$OUT/$name.stories.json"
}
for case in pg1k pg5k sq1k sq5k duc; do
    for v in base new; do
        B=$BASE; [ $v = new ] && B=$NEW
        case $case in
        pg1k) createdb ${v}_1k; run pg1k-$v "$B" postgresql:///${v}_1k --batch 1000 "$STREAM" ;;
        pg5k) createdb ${v}_5k; run pg5k-$v "$B" postgresql:///${v}_5k --batch 5000 "$STREAM" ;;
        sq1k) run sq1k-$v "$B" "$OUT/${v}_1k.db" --batch 1000 "$STREAM" ;;
        sq5k) run sq5k-$v "$B" "$OUT/${v}_5k.db" --batch 5000 "$STREAM" ;;
        duc) createdb ${v}_duc; run duc-$v "$B" postgresql:///${v}_duc "$DUC" ;;
        esac
    done
    if cmp -s "$OUT/$case-base.stories.json" "$OUT/$case-new.stories.json"; then
        echo "$case: stories identical" | tee -a "$OUT/summary.txt"
    else
        echo "$case: stories DIFFER" | tee -a "$OUT/summary.txt"
    fi
done
