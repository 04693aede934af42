#!/usr/bin/env bash
# store_order.sh - the arrival-order effect of the store: DUC 2006 ingested in
# K batches in publication order (bench/store_batches.py) against one ingest
# of all of it, for several candidate windows; scored with `storyfold eval
# clusters` (one ingest taken as the gold) and against the DUC topics.
#
# Each batch is a process of its own (each builds the stream clusterer again
# from the store). env EXTRA: options for every ingest (e.g. --recluster);
# WINDOWS: the window options tried (default: "" "--window 600" "--window
# 300" "--window-days 30", "" being the default window).
#
# usage: bench/store_order.sh BUILD_DIR DOCS_DIR [K]
set -euo pipefail
SF="$1/storyfold" DOCS=$2 K=${3:-4} EXTRA=${EXTRA:-}
SRC=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 "$SRC/bench/store_batches.py" "$K" "$W/b" "$DOCS"
python3 "$SRC/bench/duc_gold.py" "$DOCS" >"$W/gold.jsonl" 2>/dev/null
export_members() { "$SF" stories --db "$1" --full --format json | python3 "$SRC/bench/store_members.py"; }
# shellcheck disable=SC2086
"$SF" ingest --db "$W/one.db" $EXTRA "$W/b" >/dev/null
export_members "$W/one.db" >"$W/one.jsonl"
echo "== one ingest against the DUC topics"
"$SF" eval clusters --gold "$W/gold.jsonl" --pred "$W/one.jsonl" | tail -4
IFS=, read -r -a windows <<<"${WINDOWS:-,--window 600,--window 300,--window-days 30}"
[ ${#windows[@]} -gt 0 ] || windows=("")
for opts in "${windows[@]}"; do
    rm -f "$W"/inc.db*
    for b in "$W"/b/b*; do
        # shellcheck disable=SC2086
        "$SF" ingest --db "$W/inc.db" $EXTRA $opts "$b" >/dev/null
    done
    export_members "$W/inc.db" >"$W/inc.jsonl"
    echo "== $K batches ${opts:-(default window)} against one ingest"
    "$SF" eval clusters --gold "$W/one.jsonl" --pred "$W/inc.jsonl" | tail -4
    echo "   and against the DUC topics"
    "$SF" eval clusters --gold "$W/gold.jsonl" --pred "$W/inc.jsonl" | tail -3
done
