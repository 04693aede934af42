#!/usr/bin/env bash
# Generalization check for the summarizer on data it was not tuned on: the
# DUC 2007 update task (10 topics, each in time slices A, B, C), every slice
# summarized as a plain multi-document summary of 100 words and scored as
# NIST scored the task (update-rouge/rougejk.in: ROUGE-1.5.5 -n 2 -x -m -2 4
# -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l 100 -a, jackknifed over 4 models),
# beside NIST's lead baseline (peer 35: the start of the newest article) and
# the best participant (peer 40), scored in the same run. Slice A is scored
# alone as well: B and C were asked as update summaries (what is new since
# the earlier slices), which a plain summary does not try to be.
# usage: bench/duc_update.sh STORYFOLD DUC2007_DIR [summarize options...]
#   e.g. bench/duc_update.sh build/storyfold ../shared/data/duc2007 --method concepts-ilp
set -euo pipefail
sf=${1:?usage: $0 STORYFOLD DUC2007_DIR [options]}
duc=${2:?usage: $0 STORYFOLD DUC2007_DIR [options]}
shift 2
ur="$duc/update-rouge"
[ -d "$ur/models" ] && [ -d "$duc/docs/update" ] || { echo "$0: no $ur/models or $duc/docs/update" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/all" "$out/A"
start=$(date +%s.%N)
n=0
for d in "$duc"/docs/update/D07*; do
    topic=$(basename "$d")            # D0703A
    t=${topic%?}                      # D0703
    for slice in A B C; do
        # models: D0703-A.M.100.A.{A,C,D,J}: topic, slice, then the topic letter
        name="$t-$slice.M.100.${topic: -1}"
        "$sf" summarize --quiet --words 100 "$@" "$d/$topic-$slice" > "$out/all/$name.SF" || true
        n=$((n + 1))
    done
done
end=$(date +%s.%N)
for p in 35 40; do
    for f in "$ur"/peers/*."$p"; do cp "$f" "$out/all/"; done
done
cp "$out"/all/D07??-A.* "$out/A/"
printf 'summarized %d slices in %.2f s (%.1f ms per slice, whole process each)\n' \
    "$n" "$(echo "$end - $start" | bc)" "$(echo "($end - $start) * 1000 / $n" | bc -l)"
echo "slices A, B and C (as NIST averaged them; official: 35 R-2 0.04543, 40 R-2 0.11189):"
"$sf" eval rouge --duc -l 100 --models "$ur/models" --peers "$out/all" --peer-ids 35,40,SF
echo "slice A alone:"
"$sf" eval rouge --duc -l 100 --models "$ur/models" --peers "$out/A" --peer-ids 35,40,SF
