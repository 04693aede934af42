#!/bin/bash
# test_dedup.sh - `storyfold dedup` end to end: the bundled example holds one
# syndicated copy; bad options are usage errors (exit 2); --index keeps the
# canonicals of earlier runs in a file and refuses truncated or foreign ones
# without touching them; bad input (empty and punctuation-only articles, one
# repeated word, binary noise, a 50 MB article) gives sensible groups and no
# crash.
set -u
sf="$1"
ex="${SF_SOURCE_DIR:-$(dirname "$0")/../..}/examples/fictional.jsonl"
[ -f "$ex" ] || { echo "skip: $ex missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# exit code of a run, failing the test on a crash (killed by a signal)
code() { "$@"; local c=$?; [ $c -lt 128 ] || fail "crashed ($c): $*"; return $c; }

out=$("$sf" dedup "$ex") || fail "dedup exited $?"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "expected one group, got: $out"
grep -q '"canonical":"ledger-flood","members":\[{"id":"valley-flood","similarity":0\.' <<<"$out" \
  || fail "unexpected group: $out"
out=$("$sf" dedup --measure containment --threshold 0.95 "$ex") || fail "containment exited $?"
grep -q '"similarity":1\.0000' <<<"$out" || fail "containment: $out"
"$sf" dedup --threshold 0 "$ex" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--threshold 0 accepted"
"$sf" dedup --measure cosine "$ex" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--measure cosine accepted"
"$sf" dedup --index "$ex" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--index without a path accepted"
help=$("$sf" dedup --help)
grep -q -- "--measure" <<<"$help" || fail "--help lacks --measure"
grep -q -- "--index FILE" <<<"$help" || fail "--help lacks --index"
# empty input: no groups, no crash
: > "$tmp/empty.jsonl"
out=$(code "$sf" dedup --quiet "$tmp/empty.jsonl")
[ -z "$out" ] || fail "empty input printed: $out"

# --index: day 1 holds the Ledger's flood story, day 2 the Valley Daily's copy
# of it and the other articles.
grep '"id": "ledger-flood"' "$ex" > "$tmp/day1.jsonl"
grep -v '"id": "ledger-flood"' "$ex" > "$tmp/day2.jsonl"
[ -s "$tmp/day1.jsonl" ] && [ "$(wc -l < "$tmp/day2.jsonl")" -ge 2 ] || fail "example layout changed"
ix="$tmp/crawl.sfdedup"
out=$("$sf" dedup --index "$ix" "$tmp/day1.jsonl") || fail "day 1 exited $?"
[ -z "$out" ] || fail "day 1 alone has no copies, printed: $out"
[ -s "$ix" ] || fail "day 1 did not write $ix"
size1=$(wc -c < "$ix")
out=$("$sf" dedup --index "$ix" "$tmp/day2.jsonl") || fail "day 2 exited $?"
grep -q '^{"canonical":"ledger-flood","members":\[{"id":"valley-flood","similarity":0\.' <<<"$out" \
  || fail "day 2: the copy of day 1's article not found: $out"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "day 2: expected one group, got: $out"
[ "$(wc -c < "$ix")" -gt "$size1" ] || fail "day 2's canonicals were not added to $ix"
# the same as one run without an index
whole=$("$sf" dedup "$ex")
[ "$out" = "$whole" ] || fail "two days differ from one run: '$out' vs '$whole'"
# options must match the index's
"$sf" dedup --index "$ix" --threshold 0.5 "$tmp/day2.jsonl" > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] || fail "--threshold differing from the index's accepted"
grep -q "threshold 0.8" "$tmp/err" || fail "mismatch message: $(cat "$tmp/err")"
"$sf" dedup --index "$ix" --threshold 0.8 --measure jaccard "$tmp/day2.jsonl" > /dev/null \
  || fail "options equal to the index's refused"
# a truncated index and a foreign file are refused and left as they are
head -c $((size1 / 2)) "$ix" > "$tmp/cut.sfdedup"
cp "$tmp/cut.sfdedup" "$tmp/cut.orig"
out=$("$sf" dedup --index "$tmp/cut.sfdedup" "$tmp/day2.jsonl" 2> "$tmp/err"); c=$?
[ $c -eq 1 ] || fail "truncated index: exit $c"
[ -z "$out" ] || fail "truncated index: printed $out"
grep -q "truncated" "$tmp/err" || fail "truncated index message: $(cat "$tmp/err")"
cmp -s "$tmp/cut.sfdedup" "$tmp/cut.orig" || fail "the truncated index was overwritten"
cp "$ex" "$tmp/foreign.jsonl"
"$sf" dedup --index "$tmp/foreign.jsonl" "$tmp/day2.jsonl" > /dev/null 2> "$tmp/err"; c=$?
[ $c -eq 1 ] || fail "foreign index: exit $c"
grep -q "not a storyfold dedup index" "$tmp/err" || fail "foreign index message: $(cat "$tmp/err")"
cmp -s "$ex" "$tmp/foreign.jsonl" || fail "the foreign file was overwritten"

# bad input: empty texts are reported by the reader (exit 1) and skipped;
# punctuation only has no words and is nobody's copy; texts of one repeated
# word have the same single shingle, so they are copies of one another
# (similarity 1), and of no other word's text.
cat > "$tmp/bad.jsonl" <<'EOF'
{"id":"empty","text":""}
{"id":"spaces","text":"   \n\t "}
{"id":"punct","text":"... !!! --- ???"}
{"id":"news8","text":"news news news news news news news news"}
{"id":"news14","text":"news news news news news news news news news news news news news news"}
{"id":"rain7","text":"rain rain rain rain rain rain rain"}
{"id":"punct2","text":"--- ??? !!!"}
EOF
out=$(code "$sf" dedup "$tmp/bad.jsonl" 2> "$tmp/err"); c=$?
[ $c -eq 1 ] || fail "empty texts: exit $c (expected 1, reported records)"
grep -q "bad.jsonl:1:" "$tmp/err" || fail "empty text not reported: $(cat "$tmp/err")"
[ "$out" = '{"canonical":"news14","members":[{"id":"news8","similarity":1.0000}]}' ] \
  || fail "repeated words: $out"
# binary noise: no words in common with anything, no crash; two copies of
# the same noise are exact copies
head -c 1000000 /dev/urandom > "$tmp/noise1.txt"
head -c 1000000 /dev/urandom > "$tmp/noise2.txt"
cp "$tmp/noise2.txt" "$tmp/noise3.txt"
out=$(code "$sf" dedup --input-format text --quiet "$tmp/noise1.txt" "$tmp/noise2.txt" "$tmp/noise3.txt")
[ "$out" = '{"canonical":"noise2","members":[{"id":"noise3","similarity":1.0000}]}' ] \
  || fail "binary noise: $out"
# a single 50 MB article, and its first 30 MB as another article: contained
# in it (similarity ~1) but not its Jaccard copy
awk 'BEGIN { srand(7); for (i = 0; i < 8500000; i++)
             printf "w%d%s", int(rand() * 20000), (i % 15 == 14 ? "\n" : " ") }' > "$tmp/huge.txt"
[ "$(wc -c < "$tmp/huge.txt")" -gt 50000000 ] || fail "huge article not generated"
head -c 30000000 "$tmp/huge.txt" > "$tmp/part.txt"
out=$(code "$sf" dedup --input-format text "$tmp/huge.txt" "$tmp/part.txt") || fail "huge: exit $?"
[ -z "$out" ] || fail "huge: a 30 MB prefix is not a Jaccard copy of 50 MB: $out"
out=$(code "$sf" dedup --input-format text --measure containment "$tmp/huge.txt" "$tmp/part.txt") \
  || fail "huge containment: exit $?"
grep -q '^{"canonical":"huge","members":\[{"id":"part","similarity":\(1\.0000\|0\.99\)' <<<"$out" \
  || fail "huge containment: $out"
echo ok
