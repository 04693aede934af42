#!/usr/bin/env bash
# Bad input never crashes and names what is wrong.
. "$(dirname "$0")/lib.sh"
d="$TMP/in"; mkdir -p "$d"
# invalid UTF-8 and NUL bytes are repaired, the article is kept
printf 'Bad bytes here\nThe river \xff\xfe rose \xc3 fast.\x00 It was Monday.\n' > "$d/bad-utf8.txt"
expect_exit 0 "invalid UTF-8 and NUL bytes" -- "$SF" sentences "$d/bad-utf8.txt"
expect_grep "$TMP/out" 'The river' "text around bad bytes is kept"
# an empty file
: > "$d/empty.txt"
expect_exit 1 "empty file" -- "$SF" run "$d/empty.txt"
expect_grep "$TMP/err" 'empty' "empty file is named"
# a broken JSON line in the middle: the others are read, the line is named
printf '%s\n' '{"id":"a","title":"One","text":"The first article is fine."}' '{"id":"b","title":"Two","text":"broken' '{"id":"c","title":"Three","text":"The third article is fine too."}' > "$d/mixed.jsonl"
expect_exit 1 "broken JSON line" -- "$SF" run --format json "$d/mixed.jsonl"
expect_grep "$TMP/err" 'mixed.jsonl:2:' "the broken line's number is given"
expect_grep "$TMP/out" '"id": "c"' "the line after it is still read"
expect_exit 1 "--strict stops at the broken line" -- "$SF" run --strict "$d/mixed.jsonl"
expect_grep "$TMP/err" 'mixed.jsonl:2' "strict names the line"
# truncated SGML
printf '<DOC>\n<DOCNO> X1 </DOCNO>\n<TEXT>\n<P>\nA complete first paragraph of text.\n</P>\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO> X2 </DOCNO>\n<TEXT>\n<P>\nCut off in the mid' > "$d/cut.sgml"
expect_exit 1 "truncated SGML" -- "$SF" run --format json "$d/cut.sgml"
expect_grep "$TMP/err" 'cut.sgml' "truncated SGML names the file"
expect_grep "$TMP/out" '"id": "X1"' "the complete document is kept"
# a 50 MB line
python3 -c "import sys; sys.stdout.write('{\"id\":\"big\",\"title\":\"Big\",\"text\":\"' + 'word ' * 10_000_000 + '\"}\n')" > "$d/big.jsonl"
expect_exit 0 "a 50 MB JSON line" -- "$SF" sentences "$d/big.jsonl"
rm -f "$d/big.jsonl"
# a directory with an unreadable entry (a dangling link: unreadable even as root)
mkdir -p "$d/dir/sub"
printf 'Title\nSome text about a river.\n' > "$d/dir/sub/ok.txt"
ln -s "$d/nowhere" "$d/dir/dangling.txt"
expect_exit 1 "directory with an unreadable file" -- "$SF" sentences "$d/dir"
expect_grep "$TMP/err" 'dangling.txt' "the unreadable file is named"
expect_grep "$TMP/out" 'Some text about a river' "the readable file is still read"
# a missing path
expect_exit 1 "missing file" -- "$SF" run "$d/does-not-exist.txt"
expect_grep "$TMP/err" 'does-not-exist.txt' "missing file is named"
# binary noise named .txt
head -c 65536 /dev/urandom > "$d/noise.txt"
"$SF" run "$d/noise.txt" >/dev/null 2>"$TMP/err"; code=$?
if [ "$code" -le 1 ]; then ok "binary noise: exit $code, no crash"; else not_ok "binary noise: exit $code"; fi
# standard input
printf '{"id":"s","title":"From stdin","text":"An article that came on standard input."}\n' | "$SF" run --format json - >"$TMP/out" 2>"$TMP/err"
expect_grep "$TMP/out" '"id": "s"' "standard input is read"
finish
