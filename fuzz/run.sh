#!/usr/bin/env bash
# run.sh - run libFuzzer targets one after another, each for a given time,
# with its dictionary (fuzz/dict/NAME.dict) and its corpus (fuzz/corpus/NAME,
# where new inputs that add coverage are written; commit the useful ones).
# Crashes are written to fuzz/crashes/. Needs a build with -DSF_FUZZ=ON (clang):
#   CC=clang cmake -S . -B build-fuzz -G Ninja -DSF_FUZZ=ON && cmake --build build-fuzz
# usage: fuzz/run.sh [--build DIR] [--seconds S] [--jobs N] [TARGET...]
#   TARGET is a name like pipeline or fuzz_pipeline (default: every target
#   built in DIR). Prints one summary line per target (runs, exec/s, coverage).
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build-fuzz"
seconds=60
while [ $# -gt 0 ]; do
    case "$1" in
    --build) build=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) break ;;
    esac
done
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in "$build"/fuzz_*; do
        case "$f" in *_replay) continue ;; esac
        [ -x "$f" ] && targets+=("$(basename "$f")")
    done
fi
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets in $build (build with -DSF_FUZZ=ON)" >&2; exit 2; }
mkdir -p "$src/fuzz/crashes"
status=0
for t in "${targets[@]}"; do
    name=${t#fuzz_}
    bin="$build/fuzz_$name"
    [ -x "$bin" ] || { echo "$bin: not built" >&2; status=1; continue; }
    corpus="$src/fuzz/corpus/$name"
    mkdir -p "$corpus"
    dict=()
    [ -f "$src/fuzz/dict/$name.dict" ] && dict=(-dict="$src/fuzz/dict/$name.dict")
    log="$src/fuzz/crashes/$name.log"
    "$bin" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$src/fuzz/crashes/$name-" -print_final_stats=1 \
        >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -E '#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
    ft=$(grep -E '#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
    echo "$name: ${seconds}s, exit $rc, ${runs:-?} runs, ${speed:-?} exec/s, cov ${cov:-?}, ft ${ft:-?} (log: $log)"
    [ "$rc" -eq 0 ] || status=1
done
exit $status
