#!/usr/bin/env bash
# run.sh - run libFuzzer targets one after another, each for a given time,
# with its dictionary (fuzz/dict/NAME.dict) and its corpus (fuzz/corpus/NAME,
# where new inputs that add coverage are written; commit the useful ones).
# Crashes are written to fuzz/crashes/. Needs a build with -DSF_FUZZ=ON (clang):
#   CC=clang cmake -S . -B build-fuzz -G Ninja -DSF_FUZZ=ON && cmake --build build-fuzz
# usage: fuzz/run.sh [--build DIR] [--seconds S] [--work DIR] [--max-len N]
#                    [--timeout S] [TARGET...]
#   TARGET is a name like pipeline or fuzz_pipeline (default: every target
#   built in DIR). Prints one summary line per target (runs, exec/s, coverage,
#   new corpus units). --work DIR: new inputs go to DIR/NAME and fuzz/corpus
#   is only read (merge the useful ones back with -merge=1); --max-len caps
#   the input size (default 65536); --timeout: one input's limit in seconds
#   of wall time (default 25; raise it when the run is niced on a loaded
#   machine, or starved inputs are reported as hangs).
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build-fuzz"
seconds=60
work=
maxlen=65536
limit=25
while [ $# -gt 0 ]; do
    case "$1" in
    --build) build=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --max-len) maxlen=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
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
# undefined behaviour stops the run like a crash, so its input is saved
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
for t in "${targets[@]}"; do
    name=${t#fuzz_}
    bin="$build/fuzz_$name"
    [ -x "$bin" ] || { echo "$bin: not built" >&2; status=1; continue; }
    corpus="$src/fuzz/corpus/$name"
    mkdir -p "$corpus"
    dirs=("$corpus")
    if [ -n "$work" ]; then
        mkdir -p "$work/$name"
        dirs=("$work/$name" "$corpus")
    fi
    dict=()
    [ -f "$src/fuzz/dict/$name.dict" ] && dict=(-dict="$src/fuzz/dict/$name.dict")
    log="$src/fuzz/crashes/$name.log"
    "$bin" "${dirs[@]}" "${dict[@]}" -max_total_time="$seconds" -timeout="$limit" -rss_limit_mb=2048 \
        -max_len="$maxlen" -artifact_prefix="$src/fuzz/crashes/$name-" -print_final_stats=1 \
        >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -E '#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
    ft=$(grep -E '#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
    units=$(grep -cE '#[0-9]+[[:space:]]+NEW' "$log")
    echo "$name: ${seconds}s, exit $rc, ${runs:-?} runs, ${speed:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, $units new units (log: $log)"
    [ "$rc" -eq 0 ] || status=1
done
exit $status
