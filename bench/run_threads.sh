#!/usr/bin/env bash
# run_threads.sh - `storyfold run --format json` as a whole process on 1 and
# 2 threads (or any list), beside a baseline build, all in one run: the two
# binaries and the thread counts in turn (A B A B ...), so that a machine
# whose speed drifts moves both alike. Prints the medians of wall and CPU
# seconds, peak memory, and each build's speed-up over its own one-thread
# run; checks that every output is the same bytes (any build, any threads).
#
# usage: bench/run_threads.sh STORYFOLD BASELINE_STORYFOLD [RUNS] [THREADS] -- PATH...
#   RUNS     runs of each binary and thread count (default 5)
#   THREADS  thread counts, comma-separated (default 1,2)
#   PATH...  the input (docs/threads.md: DUC 2006 + 2007,
#            ../shared/data/duc2006/docs ../shared/data/duc2007/docs)
# A baseline with other output (another version of the pipeline) is timed
# all the same; the script says that the outputs differ.
set -euo pipefail
usage="usage: $0 STORYFOLD BASELINE_STORYFOLD [RUNS] [THREADS] -- PATH..."
NEW=${1:?$usage}
BASE=${2:?$usage}
shift 2
RUNS=5
THREADS=1,2
[ $# -gt 0 ] && [ "$1" != -- ] && RUNS=$1 && shift
[ $# -gt 0 ] && [ "$1" != -- ] && THREADS=$1 && shift
[ "${1:-}" = -- ] || { echo "$usage" >&2; exit 2; }
shift
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
for b in "$NEW" "$BASE"; do [ -x "$b" ] || { echo "$0: $b: not an executable" >&2; exit 2; }; done
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
IFS=, read -r -a TS <<<"$THREADS"

echo "input: $*; runs $RUNS each; threads $THREADS; load at start $(cut -d' ' -f1 /proc/loadavg)"
# one run: "wall cpu peak_MB" into $W/<side>.<threads>
one() {
    /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$1" run --quiet --format json --threads "$3" "${@:4}" \
        >"$W/out.$2.$3"
    awk '{printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024}' "$W/t" >>"$W/$2.$3"
}
for ((i = 0; i < RUNS; i++)); do
    for t in "${TS[@]}"; do
        one "$NEW" new "$t" "$@"
        one "$BASE" base "$t" "$@"
    done
done
echo "load at end $(cut -d' ' -f1 /proc/loadavg)"
same=yes
for t in "${TS[@]}"; do
    cmp -s "$W/out.new.$t" "$W/out.new.${TS[0]}" || { echo "this build: output on $t threads DIFFERS from ${TS[0]}"; same=no; }
    cmp -s "$W/out.base.$t" "$W/out.base.${TS[0]}" || { echo "baseline: output on $t threads DIFFERS from ${TS[0]}"; same=no; }
done
[ $same = yes ] && echo "each build: the same bytes on every thread count"
cmp -s "$W/out.new.${TS[0]}" "$W/out.base.${TS[0]}" && echo "this build and the baseline: the same bytes" \
    || echo "this build and the baseline: outputs differ"

median() { sort -n -k"$2" "$1" | awk -v k="$2" '{v[NR] = $k} END {print v[int((NR + 1) / 2)]}'; }
printf "%-9s %8s %9s %9s %9s %9s  %s\n" build threads "wall s" "cpu s" "peak MB" speed-up "(medians of $RUNS; speed-up: one thread's wall / this wall)"
for side in new base; do
    w1=$(median "$W/$side.${TS[0]}" 1)
    for t in "${TS[@]}"; do
        w=$(median "$W/$side.$t" 1) c=$(median "$W/$side.$t" 2) m=$(median "$W/$side.$t" 3)
        printf "%-9s %8s %9s %9s %9s %9.2f\n" "$([ $side = new ] && echo this || echo baseline)" \
            "$t" "$w" "$c" "$m" "$(echo "$w1 / $w" | bc -l)"
    done
done

# The machine's own ceiling: two independent one-thread runs of this build
# at the same time, against one alone, in turn. A pipeline on two threads
# cannot beat what two separate processes get from two cores that share
# caches, memory and a host (on the 2-core VMs here the pair ran about a
# sixth slower than one alone).
if [ "${CEILING:-1}" = 1 ]; then
    : >"$W/alone" && : >"$W/pair"
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -f "%e" -o "$W/t" "$NEW" run --quiet --format json --threads 1 "$@" >/dev/null
        cat "$W/t" >>"$W/alone"
        start=$(date +%s.%N)
        "$NEW" run --quiet --format json --threads 1 "$@" >/dev/null &
        "$NEW" run --quiet --format json --threads 1 "$@" >/dev/null
        wait
        echo "$(date +%s.%N) - $start" | bc -l >>"$W/pair"
    done
    a=$(median "$W/alone" 1) p=$(median "$W/pair" 1)
    printf "machine ceiling: one run alone %.3f s, two at once %.3f s: two cores give %.2fx (CEILING=0 skips)\n" \
        "$a" "$p" "$(echo "2 * $a / $p" | bc -l)"
fi
echo "this build: $NEW"
echo "baseline:   $BASE"
