#!/usr/bin/env bash
# resource.sh - time and peak memory of each command on inputs of size N and
# 4N of every hostile shape of issue 20, with the growth ratio (time at 4N over
# time at N: about 4 is linear, 16 quadratic), flagged when above 5. Not part
# of ctest: it takes minutes.
#
# usage: bench/resource.sh [--timeout S] [--scale K] [--case "SHAPE CMD N"]...
#                          [--once] BIN [BIN...]
#   Each BIN (a storyfold program) gets its own table, in the same run, so a
#   baseline build and a new one see the same machine load. --scale multiplies
#   every N (default 1); --timeout caps one command (default 120 s; a command
#   that hits it is shown as ">S" and flagged). --case (repeatable) runs only
#   the cases given, at the N given (the issue's sizes: "long-sentence run
#   2000000", "tiny-short run 1000000", ...); --once measures N only, not 4N.
#   The command run-json is `run --format json`.
# Times are CPU seconds (user + sys, from /usr/bin/time); peak memory is the
# maximum resident set size. Wall-clock seconds are shown after them (wall@N,
# wall@4N): noisy on a shared machine, the growth is computed from CPU.
set -u
timeout_s=120
scale=1
once=0
only=()
while [ $# -gt 0 ]; do
    case "$1" in
    --timeout) timeout_s=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --case) only+=("$2"); shift 2 ;;
    --once) once=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || { sed -n '2,18p' "$0" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen SHAPE N FILE: write one input of the shape at size N
gen() {
    python3 - "$1" "$2" "$3" <<'PY'
import gzip, json, random, sys
shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
words = ("the council said on Monday that 300 homes near the river in Riverton were "
         "damaged and Mayor Tom Smith asked for $4.5 million in aid from the state").split()
rnd = random.Random(7)
def sentence(k):
    return " ".join(rnd.choice(words) for _ in range(k))
def jl(rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
if shape == "long-sentence":      # one sentence of n bytes of news words
    s = sentence(n // 5)[:n]
    jl([{"id": "long", "title": "Long", "text": "Officials said " + s + "."}])
elif shape == "repeated":          # n copies of one sentence in one article
    jl([{"id": "rep", "title": "Repeated",
         "text": " ".join(["The river flooded the town of Riverton on Monday."] * n)}])
elif shape == "he-said":           # n copies of a named man and "he said" in one article
    jl([{"id": "he", "title": "He said",
         "text": " ".join('Mayor Tom Smith%d arrived in Riverton on Monday. "We will rebuild," he said. '
                          'The council said 300 homes were damaged.' % (i % 50) for i in range(n))}])
elif shape == "one-line":          # an article that is one line of n bytes
    with open(path, "w") as f:
        f.write("One line\n" + (sentence(n // 5) + ". ") [:n] + "\n")
elif shape == "text-node":         # a web page holding one text node of n bytes
    with open(path, "w") as f:
        f.write("<!doctype html><html><head><title>Node</title></head><body><article><p>"
                + sentence(n // 5)[:n] + "</p></article></body></html>")
elif shape == "tiny":              # n tiny articles: 1000 texts, each n/1000 times
    texts = ["Story %d: %s." % (i, sentence(12)) for i in range(1000)]
    jl([{"id": "t%d" % i, "title": "T%d" % (i % 1000), "text": texts[i % 1000]} for i in range(n)])
elif shape == "tiny-short":        # the issue's case (bench/gen_tiny.py): 1000 short
    rnd = random.Random(20)         # texts, each n/1000 times, no title, ~33 bytes a line
    ws = ["rain", "vote", "fire", "team", "bank", "road", "port", "mill", "farm", "snow"]
    texts = ["%s %s %d" % (rnd.choice(ws), rnd.choice(ws), k) for k in range(1000)]
    with open(path, "w") as f:
        for c in range(max(1, n // 1000)):
            for k, t in enumerate(texts):
                f.write(json.dumps({"id": "%d-%d" % (k, c), "text": t}) + "\n")
elif shape == "near-copies":       # n near-copies of one article
    base = [sentence(15) + "." for _ in range(40)]
    rows = []
    for i in range(n):
        b = list(base)
        b[i % 40] = sentence(15) + "."
        rows.append({"id": "c%d" % i, "title": "Copy", "text": " ".join(b)})
    jl(rows)
elif shape == "sgml-unclosed":     # n <DOC> elements without </DOC>
    with open(path, "w") as f:
        for i in range(n):
            f.write("<DOC>\n<DOCNO> D%d </DOCNO>\n<TEXT>\nSome words about item %d here.\n</TEXT>\n" % (i, i))
elif shape == "gzip-bomb":         # a gzip'd WARC of n MiB of zeros (about 1000:1)
    z = b"\0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as f:
        for _ in range(n):
            f.write(z)
PY
}

# shape, command, N at scale 1, file name
cases=(
    "long-sentence run 65536 in.jsonl"
    "repeated run 5000 in.jsonl"
    "he-said run 5000 in.jsonl"
    "one-line run 1000000 in.txt"
    "text-node run 262144 in.html"
    "tiny cluster 20000 in.jsonl"
    "tiny run 20000 in.jsonl"
    "tiny run-json 20000 in.jsonl"
    "near-copies dedup 1000 in.jsonl"
    "sgml-unclosed extract 8000 in.sgml"
    "gzip-bomb extract 512 in.warc.gz"
)
if [ ${#only[@]} -gt 0 ]; then
    cases=()
    for c in "${only[@]}"; do
        read -r shape cmd n <<<"$c"
        case "$shape" in
        text-node) ext=html ;; one-line) ext=txt ;; sgml-unclosed) ext=sgml ;;
        gzip-bomb) ext=warc.gz ;; *) ext=jsonl ;;
        esac
        cases+=("$shape $cmd $((n / scale)) in.$ext")
    done
fi

# measure BIN CMD FILE -> "cpu_seconds peak_kb wall_seconds" (cpu ">T" on timeout)
measure() {
    local bin=$1 cmd=$2 file=$3 args=("$2")
    [ "$cmd" = run-json ] && args=(run --format json)
    /usr/bin/time -f "%U %S %M %e" -o "$tmp/time" timeout "$timeout_s" "$bin" "${args[@]}" "$file" \
        >/dev/null 2>"$tmp/stderr"
    local rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then echo ">$timeout_s 0 >$timeout_s"; return; fi
    tail -1 "$tmp/time" | awk '{printf "%.2f %d %.1f\n", $1 + $2, $3, $4}'
}

for bin in "$@"; do
    echo "== $bin"
    printf '%-14s %-8s %9s %9s %9s %9s %9s %8s %8s %7s\n' shape command N "cpu@N" "cpu@4N" "MB@N" "MB@4N" \
        "wall@N" "wall@4N" growth
    for c in "${cases[@]}"; do
        read -r shape cmd n file <<<"$c"
        n=$((n * scale))
        gen "$shape" "$n" "$tmp/a-$file"
        read -r t1 m1 w1 <<<"$(measure "$bin" "$cmd" "$tmp/a-$file")"
        rm -f "$tmp/a-$file"
        if [ "$once" = 1 ]; then
            printf '%-14s %-8s %9s %9s %9s %9d %9s %8s %8s %s\n' "$shape" "$cmd" "$n" "$t1" - \
                $((m1 / 1024)) - "$w1" - -
            continue
        fi
        gen "$shape" $((4 * n)) "$tmp/b-$file"
        read -r t4 m4 w4 <<<"$(measure "$bin" "$cmd" "$tmp/b-$file")"
        growth=$(python3 -c "
import sys
a, b = sys.argv[1], sys.argv[2]
if a.startswith('>') or b.startswith('>'): print('>?  SLOW')
else:
    a, b = max(float(a), 0.1), max(float(b), 0.1)  # below 0.1 s is noise
    g = b / a
    print('%.1f%s' % (g, '  SLOW' if g > 5 else ''))" "$t1" "$t4")
        printf '%-14s %-8s %9s %9s %9s %9d %9d %8s %8s %s\n' "$shape" "$cmd" "$n" "$t1" "$t4" \
            $((m1 / 1024)) $((m4 / 1024)) "$w1" "$w4" "$growth"
        rm -f "$tmp/a-$file" "$tmp/b-$file"
    done
done
