#!/usr/bin/env bash
# Summarize every DUC topic with storyfold and score the summaries with ROUGE
# in the official DUC setting (250 words, jackknifed), beside NIST's lead
# baseline (peer 1) and the best participant (peer 24) scored in the same run.
# usage: bench/duc_summaries.sh STORYFOLD DUC_DIR [--with-query] [summarize options...]
#   e.g. bench/duc_summaries.sh build/storyfold ../shared/data/duc2006 --method concepts
# --with-query passes each topic's title and narrative (topics.sgml) as --query.
set -euo pipefail
sf=${1:?usage: $0 STORYFOLD DUC_DIR [options]}
duc=${2:?usage: $0 STORYFOLD DUC_DIR [options]}
shift 2
with_query=0
if [ "${1:-}" = "--with-query" ]; then with_query=1; shift; fi
topic_text() { # title and narrative of one topic from topics.sgml
    python3 - "$duc/topics.sgml" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="latin-1").read()
for t in re.findall(r"<topic>(.*?)</topic>", text, re.S):
    if re.search(r"<num>\s*%s\s*</num>" % sys.argv[2], t):
        title = re.search(r"<title>(.*?)</title>", t, re.S).group(1)
        narr = re.search(r"<narr>(.*?)</narr>", t, re.S).group(1)
        print(" ".join((title + " " + narr).split()))
PY
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/peers"
start=$(date +%s.%N)
n=0
for d in "$duc"/docs/D*; do
    topic=$(basename "$d")
    t=${topic%?}                      # D0601A -> D0601 (models drop the letter)
    if [ "$with_query" = 1 ]; then
        "$sf" summarize --quiet --words 250 --query "$(topic_text "$topic")" "$@" "$d" > "$out/peers/$t.M.250.${topic: -1}.SF" || true
    else
        "$sf" summarize --quiet --words 250 "$@" "$d" > "$out/peers/$t.M.250.${topic: -1}.SF" || true
    fi
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
