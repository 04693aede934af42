#!/usr/bin/env bash
# Summarize every DUC topic with storyfold and score the summaries with ROUGE
# in the official DUC setting (250 words, jackknifed), beside NIST's lead
# baseline (peer 1) and the best participant (peer 24) scored in the same run.
# usage: bench/duc_summaries.sh STORYFOLD DUC_DIR [summarize options...]
#   e.g. bench/duc_summaries.sh build/storyfold ../shared/data/duc2006 --method concepts
set -euo pipefail
sf=${1:?usage: $0 STORYFOLD DUC_DIR [options]}
duc=${2:?usage: $0 STORYFOLD DUC_DIR [options]}
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/peers"
start=$(date +%s.%N)
n=0
for d in "$duc"/docs/D*; do
    topic=$(basename "$d")
    t=${topic%?}                      # D0601A -> D0601 (models drop the letter)
    "$sf" summarize --quiet --words 250 "$@" "$d" > "$out/peers/$t.M.250.${topic: -1}.SF"
    n=$((n + 1))
done
end=$(date +%s.%N)
# the official peers for comparison, in the same run
for p in 1 24; do
    for f in "$duc"/rouge/peers/*."$p"; do cp "$f" "$out/peers/"; done
done
printf 'summarized %d topics in %.2f s (%.1f ms per topic, whole process each)\n' \
    "$n" "$(echo "$end - $start" | bc)" "$(echo "($end - $start) * 1000 / $n" | bc -l)"
"$sf" eval rouge --duc --models "$duc/rouge/models" --peers "$out/peers" --peer-ids 1,24,SF
