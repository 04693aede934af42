#!/usr/bin/env bash
# Plain text as people send it, end to end: hard-wrapped articles without a
# headline, a one-line article, a "source:" tag that names the outlet, a
# story whose reports span three days (listed and summarized in time order,
# whatever the file names say), and a summary whose most central sentence
# opens with "He said": it is never a bullet without its antecedent; one quote
# in two reports is one row citing both.
. "$(dirname "$0")/lib.sh"
d="$TMP/in"
mkdir -p "$d"
# file names out of time order on purpose: day 3 sorts first by name
cat > "$d/a-day3.txt" <<'T'
March 4, 2026

Rescue teams on Wednesday reopened the Marlow Bridge road after the Tamsin
River flood waters fell, county officials said, three days after the river
burst its banks.

The main road to Kellby reopened at the stone bridge, and the town
library will stay closed for repairs until the end of the month.

source: Valley Daily
T
cat > "$d/b-day1.txt" <<'T'
March 2, 2026

The Tamsin River burst its banks at Marlow Bridge on Monday after three
days of heavy rain, and about 2,000 residents of Marlow Bridge were moved
out of their homes, county officials said.

Two shelters were opened at the Marlow Bridge high school and the
community hall for residents of Marlow Bridge.
He said the Tamsin River flood at Marlow Bridge forced about 2,000 residents of Marlow Bridge out of their homes on Monday.

source: Riverside Courier
T
cat > "$d/c-day2.txt" <<'T'
March 3, 2026

Flood water reached the ground floor of the Marlow Bridge town library on
Tuesday, and the main road to Kellby stayed closed at the stone bridge,
county officials said.

Forty county workers filled sandbags along the river wall through the
night as the Tamsin River rose again.

source: Northern Ledger
T
# one line, no headline, no newline at the end
printf 'Tamsin River flood waters at Marlow Bridge forced about 2,000 residents of Marlow Bridge from their homes on Monday, county officials said.' > "$d/d-oneline.txt"

expect_exit 0 "summarize wrapped plain text without headlines" -- "$SF" summarize --format json --words 150 "$d"
python3 - "$TMP/out" "$d" <<'PY' && ok "plain text: articles, outlets, time order, headline, whole bullets" || not_ok "plain text checks"
import json, re, sys
d = json.load(open(sys.argv[1]))
st = d["stories"][0]
arts = st["articles"]
ids = [a["id"] for a in arts]
# every file read, the one-line one too, none with a title
assert sorted(ids) == ["a-day3", "b-day1", "c-day2", "d-oneline"], ids
assert all(a["title"] == "" for a in arts), [a["title"] for a in arts]
# the source: tags are the outlets, not text
src = {a["id"]: a["source"] for a in arts}
assert src["a-day3"] == "Valley Daily" and src["b-day1"] == "Riverside Courier", src
assert src["c-day2"] == "Northern Ledger" and src["d-oneline"] is None, src
# articles in time order (the dated ones by date; undated last)
assert ids == ["b-day1", "c-day2", "a-day3", "d-oneline"], ids
pub = [a["published"] for a in arts]
assert pub[0].startswith("2026-03-02") and pub[1].startswith("2026-03-03") and pub[2].startswith("2026-03-04"), pub
text = " ".join(s["text"] for s in st["summary"])
assert "source:" not in text and "Valley Daily" not in text, text
assert "March 2, 2026" not in text, text
# the headline: made from the lead, whole words, no trailing fragment
h = st["headline"]
assert h and h != "(untitled)" and not h.endswith((",", ".")), h
assert h.split()[-1].lower() not in {"the", "of", "a", "to", "and", "for", "in", "on"}, h
assert st["summary"][0]["text"].startswith(h), (h, st["summary"][0]["text"])
# whole sentences: no bullet in lower case, none opening with "He"
for s in st["summary"]:
    assert s["text"][0].isupper(), s["text"]
    assert not re.match(r"(He|She|They|It)\b", s["text"]), s["text"]
# the first bullet says what happened, from the earliest report
first = st["summary"][0]
assert "b-day1" in first["sources"] and "burst its banks" in first["text"], first
# the rest in the time order of the reports they come from
order = {i: k for k, i in enumerate(ids)}
# (the article a bullet is taken from: the input file that holds its words)
import os
body = {f[:-4]: " ".join(open(os.path.join(sys.argv[2], f)).read().split()) for f in os.listdir(sys.argv[2])}
def origin(t):  # without the days anchored to the report's date ("Monday (Mar 2)")
    t = re.sub(r" \((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d+\)", "", t)
    return next(i for i in ids if t in body[i])
rest = [order[origin(s["text"])] for s in st["summary"][1:]]
assert len(rest) >= 2 and rest == sorted(rest), (rest, st["summary"])
PY
cp "$TMP/out" "$TMP/summary.json"
expect_exit 0 "run on the plain text" -- "$SF" run "$d"
expect_no_grep "$TMP/out" "untitled" "no (untitled) headline or source"
expect_grep "$TMP/out" 'burst its banks at Marlow Bridge on Monday \(Mar 2\) after' "a relative day is anchored to the report's date"
expect_grep "$TMP/out" '^[0-9]\. b-day1 \(Riverside Courier, 2026-03-02\)$' "sources name the outlet and the day"
expect_grep "$TMP/out" '^[0-9]\. d-oneline \(outlet and time unknown\)$' "an article without outlet or time says so"
expect_no_grep "$TMP/out" '^- He said' "no bullet opens with He said"
# an author line that repeats the outlet names the outlet once
mkdir -p "$TMP/byline"
printf '{"id":"p1","title":"Flood in Kellport","text":"The river flooded Kellport on Monday.","source":"CNN","author":"Rob Picheta, CNN"}\n{"id":"p2","title":"Storm in Lindau","text":"A storm hit Lindau on Friday.","source":"BBC News","author":"BBC News"}\n' >"$TMP/byline/p.jsonl"
expect_exit 0 "run with bylines that repeat the outlet" -- "$SF" run "$TMP/byline/p.jsonl"
expect_grep "$TMP/out" '^1\. Flood in Kellport \(p1, CNN, by Rob Picheta\)$' "by Rob Picheta, not by Rob Picheta, CNN"
expect_grep "$TMP/out" '^1\. Storm in Lindau \(p2, BBC News\)$' "no 'by BBC News' after the outlet BBC News"
# an author that is not a string (a list, an object) is left out, the article is read
printf '{"id":"p3","title":"Fire in Dunmore","text":"A fire hit Dunmore on Sunday.","author":["A","B"]}\n{"id":"p4","title":"Vote in Kellby","text":"Kellby voted on Sunday.","author":{"name":"C"}}\n' >"$TMP/byline/q.jsonl"
expect_exit 0 "run with authors that are no string" -- "$SF" run "$TMP/byline/q.jsonl"
expect_grep "$TMP/out" '^1\. Fire in Dunmore \(p3, outlet and time unknown\)$' "a list as author: the article, no author"
expect_grep "$TMP/out" '^1\. Vote in Kellby \(p4, outlet and time unknown\)$' "an object as author: the article, no author"
# the same words of the same speaker in two reports are one quote row citing both
mkdir -p "$TMP/quote"
printf '%s\n' '{"id":"q1","title":"Kellport flood","text":"The Tamsin River flooded Kellport on Monday and 2,000 residents left their homes. \"We were not ready for this,\" Mayor Lena Marsh said on Monday. Two shelters opened at the high school."}' \
  '{"id":"q2","title":"Kellport flood forces 2,000 out","text":"About 2,000 Kellport residents left their homes on Monday as the Tamsin River flooded the town. \"We were not ready for this,\" Mayor Lena Marsh said. The county opened two shelters at the high school."}' >"$TMP/quote/q.jsonl"
expect_exit 0 "run with one quote in two reports" -- "$SF" run "$TMP/quote/q.jsonl"
expect_grep "$TMP/out" '^\| Lena Marsh \| "We were not ready for this," \| \[1,2\] \|$' "one row for the quote, citing both reports"
n=$(grep -c 'We were not ready for this' "$TMP/out")
if [ "$n" -eq 1 ]; then ok "the quote row is not repeated"; else not_ok "the quote row is not repeated: $n rows"; fi
finish
