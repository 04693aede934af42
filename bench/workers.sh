#!/usr/bin/env bash
# workers.sh - articles per second with 1, 2 and 4 `storyfold worker`
# processes reading one topic of librdkafka's mock cluster (sf_kafka_mock,
# 4 partitions) into one PostgreSQL store (a throwaway server from
# pg_virtualenv), on a generated stream (bench/gen_stream.py), with where the
# time goes (docs/workers.md).
#
# usage: bench/workers.sh BUILD_DIR DOCS_DIR N [BATCH]
#   DOCS_DIR  DUC 2006 documents (../shared/data/duc2006/docs), the source of
#             the generated stream of N articles
#   BATCH     messages per store transaction (default 100)
# For each worker count: the stream is produced to its own topic, W workers
# start at once (group join included in the time), and the run ends when
# the store holds all N articles and no changed story waits for its summary
# (dirty_stories empty, builds that summarize outside the lock); then the workers are stopped (SIGTERM) and
# print their own time split and CPU time. Times are wall seconds (noisy on
# a loaded machine) and CPU seconds of the worker processes (user+sys); the
# PostgreSQL server's CPU is measured from /proc of its postmaster and
# children before and after. Then, beside them, one `storyfold ingest` of
# the same stream into a new database of the same server, in the same
# batches, with the workers' assignment (--recluster) and with ingest's
# default (the kept stream clusterer).
# Environment: WORKERS (default "1 2 4"), WORKER_ARGS (more worker options,
# e.g. --incremental), INGEST=0 to leave out the ingest rows, PARTITIONS
# (default 4) per topic.
set -euo pipefail
if [ "${1:-}" = --pg-inner ]; then
    shift
    BUILD=$1 N=$2 BATCH=$3 W=$4
    SF="$BUILD/storyfold"
    P=${PARTITIONS:-4}
    "$BUILD/sf_kafka_mock" --brokers 1 --topic w1 --partitions "$P" --topic w2 --partitions "$P" \
        --topic w3 --partitions "$P" --topic w4 --partitions "$P" >"$W/boot" &
    mock=$!
    trap 'kill "$mock" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do [ -s "$W/boot" ] && break; sleep 0.2; done
    BS=$(head -1 "$W/boot")
    # CPU seconds of this cluster's server: the postmaster and its children
    # (the workers' backends live until the workers stop, after the count)
    pm=$(head -1 "$(psql -At -c 'SHOW data_directory')/postmaster.pid")
    server_cpu() {
        local pids
        pids="$pm $(pgrep -d ' ' -P "$pm" || true)"
        # shellcheck disable=SC2086
        # (a backend that ended between pgrep and cat: cat fails, which
        # set -e and pipefail would take for the script's failure)
        { cat $(printf '/proc/%s/stat ' $pids) 2>/dev/null || true; } |
            awk '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / 100 }'
    }
    # the stories against the stream's events (gen_stream.py's "event")
    python3 -c '
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    print(json.dumps({"id": d["id"], "story": d["event"]}))' "$W/stream.jsonl" >"$W/gold.jsonl"
    quality() { # DB
        psql -At -d "$1" -c "SELECT json_build_object('id', id, 'story', story) FROM articles" >"$W/pred.jsonl"
        echo "    stories: $(psql -At -d "$1" -c 'SELECT count(DISTINCT story) FROM articles');" \
            "$("$SF" eval clusters --gold "$W/gold.jsonl" --pred "$W/pred.jsonl" | grep -i 'b-cubed')"
    }
    printf "%-8s %8s %10s %12s %12s %12s\n" workers wall_s articles/s worker_cpu_s server_cpu_s cpu_ms/article
    # shellcheck disable=SC2086
    for w in ${WORKERS:-1 2 4}; do
        /usr/bin/time -f "%e" -o "$W/tp" "$SF" produce --kafka-brokers "$BS" --topic "w$w" "$W/stream.jsonl" >/dev/null
        psql -q -c "CREATE DATABASE b$w"
        s0=$(server_cpu)
        t0=$(date +%s.%N)
        pids=()
        for i in $(seq "$w"); do
            "$SF" worker --db "postgresql:///b$w" \
                --kafka-brokers "$BS" --topic "w$w" --group "bench$w" --batch "$BATCH" --quiet \
                --kafka-config session.timeout.ms=6000 --kafka-config heartbeat.interval.ms=500 \
                ${WORKER_ARGS:-} \
                >"$W/out.$w.$i" 2>"$W/err.$w.$i" &
            pids+=($!)
        done
        # all stored, and (builds that summarize after the commit) no
        # changed story left to summarize
        while [ "$(psql -At -d "b$w" -c 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)" -lt "$N" ] ||
            { [ -n "$(psql -At -d "b$w" -c "SELECT to_regclass('dirty_stories')" 2>/dev/null)" ] &&
                [ "$(psql -At -d "b$w" -c 'SELECT count(*) FROM dirty_stories' 2>/dev/null || echo 1)" != 0 ]; }; do
            sleep 0.5
        done
        t1=$(date +%s.%N)
        s1=$(server_cpu)
        kill -TERM "${pids[@]}"
        wait "${pids[@]}" || true
        # each worker prints its own CPU time (getrusage) when it stops
        cpu=$(cat "$W"/out."$w".* | sed -n 's/.*; cpu \([0-9.]*\) s$/\1/p' | awk '{ s += $1 } END { printf "%.2f", s }')
        awk -v w="$w" -v a="$t0" -v b="$t1" -v n="$N" -v c="$cpu" -v s0="$s0" -v s1="$s1" \
            'BEGIN { printf "%-8d %8.1f %10.1f %12.2f %12.2f %12.2f\n", w, b - a, n / (b - a), c, s1 - s0, 1000 * (c + s1 - s0) / n }'
        cat "$W"/out."$w".* | sed "s/^/    $w workers: /"
        echo "    produce: $(cat "$W/tp") s wall for $N messages"
        quality "b$w"
    done
    [ "${INGEST:-1}" = 0 ] && exit 0
    for mode in recluster stream; do
        psql -q -c "CREATE DATABASE i_$mode"
        flag=; [ "$mode" = recluster ] && flag=--recluster
        s0=$(server_cpu)
        /usr/bin/time -f "%e %U %S" -o "$W/ti" "$SF" ingest --db "postgresql:///i_$mode" \
            --batch "$BATCH" $flag "$W/stream.jsonl" >/dev/null 2>"$W/ingest.$mode.err"
        s1=$(server_cpu)
        read -r wall u sy <"$W/ti"
        awk -v m="ingest-$mode" -v t="$wall" -v c="$(awk -v u="$u" -v s="$sy" 'BEGIN { print u + s }')" \
            -v n="$N" -v s0="$s0" -v s1="$s1" \
            'BEGIN { printf "%-8s %8.1f %10.1f %12.2f %12.2f %12.2f\n", m, t, n / t, c, s1 - s0, 1000 * (c + s1 - s0) / n }'
        quality "i_$mode"
    done
    exit 0
fi
BUILD=$(cd "$1" && pwd) DOCS=$2 N=$3 BATCH=${4:-100}
SRC=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 "$SRC/bench/gen_stream.py" "$N" "$DOCS" >"$W/stream.jsonl"
echo "# $N generated articles, batches of $BATCH; load: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 3600 pg_virtualenv -t bash "$0" --pg-inner "$BUILD" "$N" "$BATCH" "$W" 2>&1 |
    grep --line-buffered -v '^Creating new\|^Dropping cluster\|^Ver Cluster\|^15 \+regress'
