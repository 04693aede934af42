#!/usr/bin/env bash
# What every command shares: --opt=value as --opt value, '--' before paths,
# -o/--output FILE, 'help COMMAND', and a failed write to standard output
# (/dev/full) is exit 1 with a message.
source "$(dirname "$0")/lib.sh"
SF=$(cd "$(dirname "$SF")" && pwd)/$(basename "$SF")
EX="$SRC/examples"
cp "$EX"/000_*.txt "$TMP/-dash.txt"
printf '{"id":"a","story":1}\n{"id":"b","story":1}\n' >"$TMP/gold.jsonl"

# --opt=value and --opt value give the same output.
for c in "run --format=json" "summarize --words=40" "cluster --lang=en" "dedup --threshold=0.7" \
         "sentences --lang=en" "extract --format=json"; do
    set -- $c
    cmd=$1 opt=${2%%=*} val=${2#*=}
    "$SF" "$cmd" "$opt=$val" "$EX" >"$TMP/a" 2>/dev/null; ra=$?
    "$SF" "$cmd" "$opt" "$val" "$EX" >"$TMP/b" 2>/dev/null; rb=$?
    if [ $ra = $rb ] && cmp -s "$TMP/a" "$TMP/b" && [ -s "$TMP/a" ]; then ok "$cmd $opt=$val is $opt $val"; else not_ok "$cmd $opt=$val (exit $ra/$rb)"; fi
done

# '--' ends the options: a path that starts with '-' is read.
(cd "$TMP" && "$SF" sentences -- -dash.txt >"$TMP/out" 2>"$TMP/err"); r=$?
[ $r = 0 ] && grep -q "Raqqa" "$TMP/out" && ok "-- before a path starting with '-'" || not_ok "sentences -- -dash.txt: exit $r $(cat "$TMP/err")"
(cd "$TMP" && "$SF" run -- -dash.txt >"$TMP/out" 2>"$TMP/err"); r=$?
[ $r = 0 ] && grep -q "^## " "$TMP/out" && ok "run -- -dash.txt" || not_ok "run -- -dash.txt: exit $r $(cat "$TMP/err")"

# -o and --output write the file, and nothing to standard output.
for c in run summarize sentences cluster dedup extract; do
    "$SF" $c -o "$TMP/o.$c" "$EX" >"$TMP/stdout" 2>/dev/null
    "$SF" $c "$EX" >"$TMP/ref.$c" 2>/dev/null
    [ -s "$TMP/o.$c" ] && [ ! -s "$TMP/stdout" ] && cmp -s "$TMP/o.$c" "$TMP/ref.$c" && ok "$c -o FILE" || not_ok "$c -o FILE"
done
"$SF" run --output="$TMP/o2" "$EX" >/dev/null 2>&1
cmp -s "$TMP/o2" "$TMP/ref.run" && ok "run --output=FILE" || not_ok "run --output=FILE"
expect_exit 1 "-o into a folder that does not exist" -- "$SF" run -o "$TMP/no/such/dir/x" "$EX"
expect_grep "$TMP/err" "cannot write" "it says it cannot write"

# A full disk: every command that writes fails with exit 1 and says so.
if [ -w /dev/full ]; then
    for c in "run" "run --format json" "summarize" "summarize --format json" "sentences" "cluster" "dedup" "extract" "extract --format json"; do
        "$SF" $c "$EX" >/dev/full 2>"$TMP/err"; r=$?
        [ $r = 1 ] && grep -qi "no space\|cannot write" "$TMP/err" && ok "$c > /dev/full: exit 1 with a message" || not_ok "$c > /dev/full: exit $r: $(head -2 "$TMP/err")"
    done
    "$SF" eval clusters --gold "$TMP/gold.jsonl" --pred "$TMP/gold.jsonl" >/dev/full 2>"$TMP/err"; r=$?
    [ $r = 1 ] && ok "eval clusters > /dev/full: exit 1" || not_ok "eval clusters > /dev/full: exit $r"
    "$SF" --help >/dev/full 2>/dev/null; r=$?
    [ $r = 1 ] && ok "--help > /dev/full: exit 1" || not_ok "--help > /dev/full: exit $r"
else
    echo "# /dev/full is not writable here: full-disk checks not run"
fi

# help COMMAND is the command's own help.
"$SF" help dedup >"$TMP/h1"; "$SF" dedup --help >"$TMP/h2"
cmp -s "$TMP/h1" "$TMP/h2" && grep -q "usage: storyfold dedup" "$TMP/h1" && ok "help dedup" || not_ok "help dedup"
"$SF" help eval rouge >"$TMP/h1" 2>&1
grep -q "usage: storyfold eval rouge" "$TMP/h1" && ok "help eval rouge" || not_ok "help eval rouge: $(head -2 "$TMP/h1")"
"$SF" run --help >"$TMP/h1" 2>&1; grep -q "html or warc" "$TMP/h1" && ok "help lists every input format" || not_ok "input formats in help"
"$SF" run --input-format xml "$EX" 2>"$TMP/err"; grep -q "text, jsonl, sgml, html, warc" "$TMP/err" && ok "the error lists every input format" || not_ok "input format error: $(cat "$TMP/err")"
printf '{"id":"a","text":"one two three four"}\n{bad\n' >"$TMP/bad.jsonl"
"$SF" run --strict "$TMP/bad.jsonl" >/dev/null 2>"$TMP/err"
[ "$(grep -c 'invalid JSON' "$TMP/err")" = 1 ] && ok "--strict names the bad record once" || not_ok "--strict: $(cat "$TMP/err")"
finish
