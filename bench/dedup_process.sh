#!/usr/bin/env bash
# dedup_process.sh - `storyfold dedup --threads 1` as a whole process (start,
# reading, JSON, fingerprints, grouping, output) in MB per CPU second, beside
# a baseline build's figure and the fingerprinting core's own (bench_dedup
# --fingerprint-only), all in one run, the two binaries in turn.
#
# usage: bench/dedup_process.sh BUILD_DIR BASELINE_STORYFOLD [FILE] [RUNS]
#   FILE  JSON Lines of mutated real articles (default: made here as in
#         docs/sessions/2026-12-02/i17.md: bench_dedup --write, 16,500
#         articles from DUC 2006, the first 16,000 lines, about 60 MB;
#         needs SF_SHARED_DIR or ../shared)
#   RUNS  runs of each binary (default 5); medians are printed
# CPU seconds are user + system of the finished child (/usr/bin/time): the
# figure that counts on a shared machine; wall seconds are printed too.
# The two outputs are compared with cmp (they must be the same bytes).
set -euo pipefail
BUILD=${1:?usage: $0 BUILD_DIR BASELINE_STORYFOLD [FILE] [RUNS]}
BASE=${2:?usage: $0 BUILD_DIR BASELINE_STORYFOLD [FILE] [RUNS]}
FILE=${3:-}
RUNS=${4:-5}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
if [ -z "$FILE" ]; then
    export SF_SHARED_DIR=${SF_SHARED_DIR:-$(dirname "$0")/../../shared}
    "$BUILD/bench_dedup" --write "$W" 16500 >/dev/null
    head -n 16000 "$W/dedup_16500.jsonl" >"$W/d16k.jsonl"
    rm "$W/dedup_16500.jsonl"
    FILE=$W/d16k.jsonl
fi
MB=$(stat -c %s "$FILE" | awk '{printf "%.2f", $1 / 1e6}')
echo "file: $FILE, $MB MB; load $(cut -d' ' -f1 /proc/loadavg)"

# one run: "cpu wall" seconds
one() { /usr/bin/time -f "%U %S %e" -o "$W/t" "$1" dedup --threads 1 "$FILE" >"$W/out.$2"
        awk '{printf "%.3f %.3f\n", $1 + $2, $3}' "$W/t"; }
for ((i = 0; i < RUNS; i++)); do
    one "$BUILD/storyfold" new >>"$W/new"
    one "$BASE" base >>"$W/base"
done
cmp -s "$W/out.new" "$W/out.base" && echo "outputs: the same bytes" || echo "outputs DIFFER"
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{v[NR] = $k} END {print v[int((NR + 1) / 2)]}'; }
printf "%-10s %10s %10s %12s  %s\n" "" "cpu s" "wall s" "MB/cpu s" "binary (medians of $RUNS)"
for b in new base; do
    c=$(median "$W/$b" 1) w=$(median "$W/$b" 2)
    name=$([ $b = new ] && echo "$BUILD/storyfold" || echo "$BASE")
    printf "%-10s %10s %10s %12.1f  %s\n" "$([ $b = new ] && echo this || echo baseline)" \
        "$c" "$w" "$(echo "$MB / $c" | bc -l)" "$name"
done
echo "fingerprinting core alone (this build; same articles regenerated, no reading or grouping):"
SF_SHARED_DIR=${SF_SHARED_DIR:-$(dirname "$0")/../../shared} \
    "$BUILD/bench_dedup" --fingerprint-only 16500 | grep -i fingerprinted || true
