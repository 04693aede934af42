#!/usr/bin/env bash
# Resource case for the summarizer's greedy pass: one plain-text article of N
# copies of the same sentence (each copy after the first a repeat the greedy
# pass must turn down), then a few other sentences. Prints the CPU time
# (user + sys) and peak memory of `storyfold summarize` for each N.
# usage: bench/repeat_sentences.sh STORYFOLD [N...]   (default N: 10000 40000 200000)
#   e.g. bench/repeat_sentences.sh build/storyfold 10000 40000 200000
set -euo pipefail
sf=${1:?usage: $0 STORYFOLD [N...]}
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 40000 200000)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in "${sizes[@]}"; do
    f="$tmp/repeat-$n.txt"
    python3 - "$n" > "$f" <<'PY'
import sys
n = int(sys.argv[1])
s = "The Tamsin River burst its banks at Marlow Bridge on Monday after heavy rain, officials said."
for i in range(0, n, 8):
    print(" ".join([s] * min(8, n - i)))
print()
print("Two shelters were opened at the Marlow Bridge high school and the community hall.")
print("The main road to Kellby was closed at the stone bridge by the county police.")
PY
    /usr/bin/time -f "%U %S %M" -o "$tmp/time" timeout 600 "$sf" summarize --words 100 "$f" > "$tmp/out" || true
    read -r u s m < "$tmp/time"
    printf '%7d copies: cpu %.2f s (user %.2f + sys %.2f), peak %d MB, %d summary lines\n' \
        "$n" "$(echo "$u + $s" | bc)" "$u" "$s" "$((m / 1024))" "$(wc -l < "$tmp/out")"
done
