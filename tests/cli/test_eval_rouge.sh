#!/usr/bin/env bash
# `storyfold eval rouge`: a hand-checkable single evaluation, usage errors, and
# (when ../shared is present) the official DUC 2006 figure of the best system.
set -euo pipefail
bin="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'The cat sat on the mat.\n' >"$tmp/peer"
printf 'the cat was on the mat\n' >"$tmp/model"
out=$("$bin" eval rouge -n 2 -2 4 -u --peer "$tmp/peer" --model "$tmp/model")
grep -q '^ROUGE-1     0.83333  0.83333  0.83333$' <<<"$out" || { echo "bad ROUGE-1: $out"; exit 1; }
grep -q '^ROUGE-2     0.60000' <<<"$out" || { echo "bad ROUGE-2: $out"; exit 1; }
grep -q '^ROUGE-SU4   0.70000' <<<"$out" || { echo "bad ROUGE-SU4: $out"; exit 1; }
if "$bin" eval rouge -l 5 -b 5 --peer "$tmp/peer" --model "$tmp/model" 2>/dev/null; then
  echo "-l with -b should be refused"; exit 1
fi
d="${SF_SHARED_DIR:-}/data/duc2006/rouge"
if [ -z "${SF_SHARED_DIR:-}" ] || [ ! -d "$d" ] || [ ! -f /usr/share/wordnet/verb.exc ]; then
  echo "skip: DUC 2006 data or WordNet exception lists absent"; exit 77
fi
got=$("$bin" eval rouge --duc --models "$d/models" --peers "$d/peers" --peer-ids 24 | awk '$1=="24" {print $7}')
awk -v g="$got" 'BEGIN { d = g - 0.09505; if (d < 0) d = -d; exit !(d <= 0.0005) }' ||
  { echo "peer 24 ROUGE-2 $got, official 0.09505"; exit 1; }
echo "ok: peer 24 ROUGE-2 recall $got (official 0.09505)"
