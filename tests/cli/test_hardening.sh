#!/usr/bin/env bash
# test_hardening.sh - input that used to be lost, doubled or changed without a
# word (issue 20): each case checks the message and that the rest is kept.
. "$(dirname "$0")/lib.sh"
d="$TMP/in"; mkdir -p "$d"
art() { printf '{"id":"%s","title":"%s","text":"%s"}\n' "$1" "$2" "$3"; }

# --- one missing path among valid ones: reported, the others still read
art a "River" "The river rose in the town of Riverton on Monday." > "$d/a.jsonl"
art b "Storm" "A storm hit the coast of Bayport on Tuesday night." > "$d/b.jsonl"
expect_exit 1 "missing path among valid ones" -- "$SF" run --format json "$d/a.jsonl" "$d/missing.jsonl" "$d/b.jsonl"
expect_grep "$TMP/err" 'missing.jsonl: cannot open' "the missing path is named"
expect_grep "$TMP/out" '"id": "a"' "the path before it is read"
expect_grep "$TMP/out" '"id": "b"' "the path after it is read"

# --- symbolic-link loops: every file read once
mkdir -p "$d/loop/sub"
art l1 "One" "First article about the harbour." > "$d/loop/one.jsonl"
art l2 "Two" "Second article about the bridge." > "$d/loop/sub/two.jsonl"
ln -s .. "$d/loop/sub/up"
ln -s . "$d/loop/self"
ln -s ../../loop "$d/loop/sub/again"
timeout 20 "$SF" extract --format json "$d/loop" >"$TMP/out" 2>"$TMP/err"; code=$?
if [ "$code" -eq 0 ]; then ok "symlink loops: exit 0"; else not_ok "symlink loops: exit $code"; fi
n=$(grep -c '"id"' "$TMP/out")
if [ "$n" -eq 2 ]; then ok "symlink loops: each file read once"; else not_ok "symlink loops: $n articles, want 2"; fi

# --- a FIFO is skipped (never opened), the other paths read; '-' still reads a stream
mkfifo "$d/pipe"
timeout 10 "$SF" run --format json "$d/pipe" "$d/a.jsonl" >"$TMP/out" 2>"$TMP/err"; code=$?
if [ "$code" -eq 1 ]; then ok "FIFO: exit 1, did not block"; else not_ok "FIFO: exit $code"; fi
expect_grep "$TMP/err" 'pipe: not a regular file \(a FIFO\), skipped' "the FIFO is named"
expect_grep "$TMP/out" '"id": "a"' "the file after the FIFO is read"
mkdir -p "$d/withfifo"; mkfifo "$d/withfifo/p"; cp "$d/a.jsonl" "$d/withfifo/"
expect_exit 1 "FIFO inside a directory" -- timeout 10 "$SF" extract "$d/withfifo"
expect_grep "$TMP/err" 'withfifo/p: not a regular file \(a FIFO\)' "the FIFO in the directory is named"
expect_grep "$TMP/out" 'Riverton' "the directory's file is read"

# --- plain WARC with a bad record in the middle: resynchronized, the rest read
python3 - "$d/mid.warc" <<'PY'
import sys
def rec(uri, body):
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>%s</title></head>"
            "<body><article><p>%s</p></article></body></html>" % (uri, body)).encode()
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:" + uri.encode() +
            b">\r\nWARC-Target-URI: https://example.org/" + uri.encode() +
            b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % len(http) + http + b"\r\n\r\n")
text = lambda day: ("The committee met on " + day + " and approved the budget for the new bridge "
                    "over the river. ") * 4
good1 = rec("first", text("Monday"))
bad = rec("bad", text("Tuesday")).replace(b"Content-Length: ", b"Content-Length: 1", 1)
bad2 = rec("bad2", text("Friday")).replace(b"Content-Length: ", b"Content-Length: x", 1)
good2 = rec("second", text("Wednesday"))
good3 = rec("third", text("Thursday"))
open(sys.argv[1], "wb").write(good1 + bad + good2 + b"stray bytes\r\n" + bad2 + good3)
PY
expect_exit 1 "plain WARC with bad records in the middle" -- "$SF" extract --format json "$d/mid.warc"
expect_grep "$TMP/err" 'Content-Length of [0-9]+ that does not end at a record boundary; record dropped; skipped [0-9]+ bytes from there to the next WARC/1. record' "a wrong Content-Length is reported with what was skipped"
expect_grep "$TMP/err" 'has no valid Content-Length; skipped [0-9]+ bytes from there to the next WARC/1. record' "an invalid Content-Length is reported with what was skipped"
expect_grep "$TMP/err" '13 bytes after the record at byte offset [0-9]+ are not a WARC record; skipped to the next WARC/1. record' "stray bytes between records are reported"
for u in first second third; do expect_grep "$TMP/out" "\"url\":\"https://example.org/$u\"" "record '$u' around the bad ones is read"; done
expect_no_grep "$TMP/out" 'example.org/bad' "the bad records are not kept"

# --- WARC size errors say what is too large
python3 - "$d/huge.warc" <<'PY'
import sys
hdr = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:huge>\r\n"
       b"Content-Type: application/http; msgtype=response\r\nContent-Length: 10737418240\r\n\r\n")
open(sys.argv[1], "wb").write(hdr + b"HTTP/1.1 200 OK\r\n\r\nshort\r\n\r\n")
PY
expect_exit 1 "WARC with a 10 GiB Content-Length" -- "$SF" extract "$d/huge.warc"
expect_grep "$TMP/err" 'Content-Length 10737418240, only [0-9]+ bytes before the end of the file' "the size error names the Content-Length"
expect_no_grep "$TMP/err" 'without an HTTP status line' "no misleading status-line message"

# --- gzip bomb: stopped at the cap with one message
python3 - "$d/bomb.warc.gz" <<'PY'
import gzip, sys
z = b"\0" * (1 << 20)
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    for _ in range(64):
        f.write(z)
PY
expect_exit 1 "gzip bomb with --max-expand" -- timeout 60 "$SF" extract --max-expand 8000000 "$d/bomb.warc.gz"
expect_grep "$TMP/err" "expands past 8000000 bytes" "the cap is named"
n=$(wc -l < "$TMP/err")
if [ "$n" -le 10 ]; then ok "gzip bomb: $n lines of messages"; else not_ok "gzip bomb: $n lines of messages"; head -12 "$TMP/err"; fi
# a gzip'd page or text past the cap: one message, not also "corrupt"
python3 - "$d/bomb.txt.gz" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    for _ in range(16):
        f.write(b"a" * (1 << 20))
PY
expect_exit 1 "gzip'd text past the cap" -- "$SF" extract --max-expand 8000000 "$d/bomb.txt.gz"
expect_grep "$TMP/err" "bomb.txt.gz: gzip'd data expands past 8000000 bytes" "the cap is named"
expect_no_grep "$TMP/err" "corrupt" "the data is not also called corrupt"

# --- repeated messages are collapsed
for i in $(seq 1 40); do echo '{"id":1,"text":'; done > "$d/many.jsonl"
art ok "Fine" "A good article after forty bad lines." >> "$d/many.jsonl"
expect_exit 1 "forty bad lines" -- "$SF" extract "$d/many.jsonl"
expect_grep "$TMP/err" '\.\.\. and 35 more like this' "repeated messages are collapsed with a count"
expect_grep "$TMP/out" 'forty bad lines' "the good line after them is read"

# --- JSON Lines values: huge ids kept as written or refused, dates validated
{
  echo '{"id":1e30,"title":"E","text":"An article whose id is written 1e30."}'
  echo '{"id":100000000000000000000000000000,"text":"An integer id beyond 64 bits."}'
  echo '{"id":"feb","text":"A date that does not exist.","published":"2026-02-30"}'
  echo '{"id":"off","text":"An offset out of range.","published":"2026-02-03T10:00:00+99:99"}'
  echo '{"id":"e20","text":"An epoch far beyond any date.","published":1e20}'
  echo '{"id":"edge","text":"The last second of the range.","published":"2200-12-31T23:59:59Z"}'
  echo '{"id":"first","text":"The first second of the range.","published":"1800-01-01T00:00:00Z"}'
  echo '{"id":"dup","text":"The first article with this id."}'
  echo '{"id":"dup","text":"Another article with the same id."}'
} > "$d/values.jsonl"
printf '{"id":"nul","text":"a raw \0 byte"}\n' >> "$d/values.jsonl"
expect_exit 1 "JSON Lines values" -- "$SF" extract --format json "$d/values.jsonl"
expect_grep "$TMP/out" '"id":"1e30"' "a number id is kept as written (1e30)"
expect_no_grep "$TMP/out" '9223372036854775807|18446744073709551615' "no id is clamped"
expect_grep "$TMP/err" "values.jsonl:2: field 'id' is an integer too large to keep exactly" "an integer id beyond 64 bits is refused"
expect_grep "$TMP/err" "values.jsonl:3: field 'published' is not a valid ISO 8601 date .*'2026-02-30'" "Feb 30 is refused with the line"
expect_grep "$TMP/err" "values.jsonl:4: field 'published' .*\+99:99" "an offset of +99:99 is refused"
expect_grep "$TMP/err" "values.jsonl:5: field 'published' 1e20 is out of range" "published 1e20 is refused"
expect_grep "$TMP/out" '"id":"edge","url":"","title":"","author":"","source":"","lang":"","published":"2200-12-31T23:59:59Z"' "the range's last second is kept"
expect_grep "$TMP/out" '"id":"first".*"published":"1800-01-01T00:00:00Z"' "the range's first second is kept"
expect_grep "$TMP/err" "values.jsonl:9: duplicate id 'dup' .*renamed 'dup#2'" "a duplicate id is renamed with a warning"
expect_grep "$TMP/out" '"id":"dup#2"' "the renamed article is kept"
expect_grep "$TMP/err" 'values.jsonl:10: invalid JSON: raw NUL byte at column' "a raw NUL is named"
n=$(grep -c '"id"' "$TMP/out")
if [ "$n" -eq 5 ]; then ok "JSON Lines values: the 5 good records are kept"; else not_ok "JSON Lines values: $n records, want 5"; fi

# --- dates at the range's edges and beyond go through the whole pipeline
# (clustering computes gaps between them; UBSan builds check the arithmetic)
{
  echo '{"id":"t1","title":"Flood","text":"The river flooded the town of Riverton. Officials said 300 homes were damaged.","published":"1800-01-01T00:00:00Z"}'
  echo '{"id":"t2","title":"Flood","text":"The river flooded the town of Riverton. Officials said 300 homes were damaged today.","published":"2200-12-31T23:59:59Z"}'
  echo '{"id":"t3","title":"Flood","text":"The river flooded the town of Riverton again. Officials said 310 homes were damaged.","published":-5364662400}'
  echo '{"id":"t4","title":"Flood","text":"The river flooded the town of Riverton once more.","published":7289654399}'
  echo '{"id":"t5","title":"Flood","text":"Beyond the range.","published":9223372036854775807}'
  echo '{"id":"t6","title":"Flood","text":"Beyond the range.","published":-9223372036854775808}'
  echo '{"id":"t7","title":"Flood","text":"Beyond the range.","published":"9999-12-31"}'
} > "$d/edges.jsonl"
expect_exit 1 "dates at the edges through run" -- "$SF" run --format json "$d/edges.jsonl"
expect_grep "$TMP/err" 'edges.jsonl:5: field .published. 9223372036854775807 is out of range' "INT64_MAX epoch refused"
expect_grep "$TMP/err" 'edges.jsonl:6: field .published. -9223372036854775808 is out of range' "INT64_MIN epoch refused"
expect_grep "$TMP/err" "edges.jsonl:7: field 'published' is not a valid ISO 8601 date" "year 9999 refused"
expect_grep "$TMP/out" '"id": "t4"' "edge dates are clustered"
expect_exit 1 "dates at the edges through cluster" -- "$SF" cluster "$d/edges.jsonl"
expect_grep "$TMP/out" '"id": ?"t1"' "cluster keeps the first edge"

# --- an article without capitalized names through the whole pipeline
art low "no names" "the water rose all night. by morning the roads were closed and the schools were shut. people waited on the roofs for boats." > "$d/lower.jsonl"
expect_exit 0 "an article without capitalized names" -- "$SF" run --format json "$d/lower.jsonl"
expect_grep "$TMP/out" '"id": "low"' "the article is in the output"
# numbers and a date without any name: the facts' per-sentence mentions are
# empty (a null pointer plus an offset was undefined behaviour, seen by clang)
art low2 "no names" "the water rose 3 metres in the night. about 300 homes were damaged on 2025-03-03 and 40 roads were closed." > "$d/lower2.jsonl"
expect_exit 0 "numbers and a date without names" -- "$SF" run --format json "$d/lower2.jsonl"
expect_grep "$TMP/out" '"id": "low2"' "that article is in the output"

# --- one "sentence" of 40,000 words (no full stop): facts found near each
# value, no summary line of the whole text (issue 20: was quadratic)
python3 - "$d/longsent.txt" <<'PY'
import random, sys
words = ("the council said on Monday that 300 homes near the river in Riverton were "
         "damaged and Mayor Tom Smith asked for $4.5 million in aid from the state").split()
r = random.Random(7)
open(sys.argv[1], "w").write("One line\n" + " ".join(r.choice(words) for _ in range(40000)) + ".\n")
PY
expect_exit 0 "a 200 KB sentence through run" -- "$SF" run "$d/longsent.txt"
expect_grep "$TMP/out" '^\| [A-Za-z]+ / amount \| \$4\.5' "its amounts are found"
n=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$TMP/out")
if [ "$n" -lt 2000 ]; then ok "no output line holds the whole sentence (longest $n bytes)"; else not_ok "an output line of $n bytes"; fi

# --- an article longer than SF_ANALYZE_MAX_BYTES (4 MiB): names, facts and
# summary come from its first 4 MiB, with one note; the article is kept
python3 - "$d/huge.jsonl" <<'PY'
import json, sys
t = ("Mayor Tom Smith said 300 homes in Riverton were damaged on Monday. " + " " * (4 << 20) +
     " Governor Jane Doe said 40 bridges were closed.")
open(sys.argv[1], "w").write(json.dumps({"id": "huge", "title": "Huge", "text": t}) + "\n")
PY
expect_exit 0 "an article over 4 MiB through run" -- "$SF" run "$d/huge.jsonl"
expect_grep "$TMP/err" "note: 1 article is longer than 4 MiB \(the first: 'huge', [0-9]+ bytes\)" "one note names the long article"
n=$(grep -c 'longer than 4 MiB' "$TMP/err")
if [ "$n" -eq 1 ]; then ok "the note is given once"; else not_ok "the note is given $n times"; fi
expect_grep "$TMP/out" 'Riverton / damaged \| 300' "the fact before the bound is found"
expect_no_grep "$TMP/out" 'bridges|Jane Doe' "nothing past the bound is analysed"
expect_grep "$TMP/out" '^1\. Huge \(huge[,)]' "the article is in the sources"

# --- JSON is written story by story: several stories, one valid document
{ art j1 "River" "The river flooded the town of Riverton on Monday after days of rain."
  art j2 "Budget" "The parliament of Norland passed the budget for next year on Friday."
  art j3 "Match" "The home team won the cup final in Eastport on Sunday evening."; } > "$d/three.jsonl"
expect_exit 0 "three stories as JSON" -- "$SF" run --format json "$d/three.jsonl"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["stories"]) == 3, len(d["stories"])' "$TMP/out"; then
    ok "the JSON of three stories parses, three stories"; else not_ok "three stories: JSON does not parse or wrong count"; fi
expect_grep "$TMP/out" '^    },$' "stories are separated as json-c writes them"

# --- SGML: an unclosed <DOCNO> does not make the whole text the id
printf '<DOC>\n<DOCNO> X1\n<TEXT>\nThe text of the first document is here.\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO> X2 </DOCNO>\n<TEXT>\nThe second document.\n</TEXT>\n</DOC>\n' > "$d/docno.sgml"
expect_exit 1 "unclosed DOCNO" -- "$SF" extract --format json "$d/docno.sgml"
expect_grep "$TMP/err" "docno.sgml:2: <DOCNO> without </DOCNO>: id taken from its line: 'X1'" "the unclosed DOCNO is reported"
expect_grep "$TMP/out" '"id":"X1",' "the id is the DOCNO's line"
expect_grep "$TMP/out" '"id":"X2",' "the next document is read"

# --- UTF-16 with a byte order mark is decoded, not skipped as binary
printf 'Caf\xc3\xa9 owners protest\nThe owners of the caf\xc3\xa9 protested on Monday.\n' | iconv -f UTF-8 -t UTF-16 > "$d/u16.txt"
printf '{"id":"be","text":"Big-endian caf\xc3\xa9 text."}\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\xfe\xff'; cat; } > "$d/u16be.jsonl"
expect_exit 0 "UTF-16 with BOM" -- "$SF" extract --format json "$d/u16.txt" "$d/u16be.jsonl"
expect_grep "$TMP/out" 'The owners of the café protested on Monday' "UTF-16LE text is decoded"
expect_grep "$TMP/out" '"id":"be".*Big-endian café text' "UTF-16BE JSON Lines are decoded"
expect_no_grep "$TMP/err" 'binary' "not skipped as binary"

# --- NaN and infinite options are refused
for args in "cluster --threshold nan" "cluster --w-body inf" "cluster --w-title -inf" "run --dup-threshold nan" "run --story-threshold inf" "dedup --threshold nan"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$args refused" -- "$SF" $args "$d/a.jsonl"
    expect_grep "$TMP/err" "(nan|inf)" "$args: the value is named"
done

# --- hostile ids and titles do not change the markdown's structure; JSON is safe in a page
python3 - "$d/hostile.jsonl" <<'PY'
import json, sys
rows = [{"id": "x\n# Heading\n===\n[x](javascript:alert(1))", "source": "Outlet\n## Two",
         "title": "Bad <img src=x onerror=alert(1)>\n- item | pipe",
         "text": "The river flooded the town of Riverton on Monday. Officials said 300 homes were damaged. </script><script>alert(1)</script>"},
        {"id": "y", "title": "River flood",
         "text": "The river flooded the town of Riverton on Monday. Officials said 300 homes were damaged by the water."}]
open(sys.argv[1], "w").write("".join(json.dumps(r) + "\n" for r in rows))
PY
expect_exit 0 "hostile ids: markdown" -- "$SF" run "$d/hostile.jsonl"
expect_no_grep "$TMP/out" '^# Heading|^===|^## Two|^- item' "no heading or list item from input"
expect_no_grep "$TMP/out" '(^|[^\\])<img|[^\\]\]\(javascript' "no raw tag or live link"
expect_grep "$TMP/out" '\\<img src=x onerror=alert\(1\)\\>' "the tag is escaped"
expect_grep "$TMP/out" '^1\. .*\(x \\# Heading === \\\[x\\\]\(javascript:alert\(1\)\), Outlet \\#\\# Two\)$' "the id and outlet stay on the source line"
expect_exit 0 "hostile ids: JSON" -- "$SF" run --format json "$d/hostile.jsonl"
expect_no_grep "$TMP/out" '</' "JSON has no '</'"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any("</script>" in json.dumps(d, ensure_ascii=False) for _ in [0])' "$TMP/out"; then
    ok "the JSON parses and keeps '</script>' as text"; else not_ok "JSON does not parse back"; fi
expect_exit 0 "hostile ids: extract JSON" -- "$SF" extract --format json "$d/hostile.jsonl"
expect_no_grep "$TMP/out" '</' "extract JSON has no '</'"
finish
