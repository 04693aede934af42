#!/bin/bash
# test_dedup.sh - `storyfold dedup` end to end: the bundled example holds one
# syndicated copy; bad options are usage errors (exit 2).
set -u
sf="$1"
ex="${SF_SOURCE_DIR:-$(dirname "$0")/../..}/examples/fictional.jsonl"
[ -f "$ex" ] || { echo "skip: $ex missing"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

out=$("$sf" dedup "$ex") || fail "dedup exited $?"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "expected one group, got: $out"
printf '%s\n' "$out" | grep -q '"canonical":"ledger-flood","members":\[{"id":"valley-flood","similarity":0\.' \
  || fail "unexpected group: $out"
out=$("$sf" dedup --measure containment --threshold 0.95 "$ex") || fail "containment exited $?"
printf '%s\n' "$out" | grep -q '"similarity":1\.0000' || fail "containment: $out"
"$sf" dedup --threshold 0 "$ex" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--threshold 0 accepted"
"$sf" dedup --measure cosine "$ex" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--measure cosine accepted"
"$sf" dedup --help | grep -q -- "--measure" || fail "--help lacks --measure"
# empty input: no groups, no crash
tmp=$(mktemp); : > "$tmp.jsonl"
out=$("$sf" dedup --quiet "$tmp.jsonl"); rm -f "$tmp" "$tmp.jsonl"
[ -z "$out" ] || fail "empty input printed: $out"
echo ok
