#!/usr/bin/env bash
# storyfold entities / ner / eval entities: one JSON line per mention with
# byte offsets into the article's text (JSON Lines input: the UTF-8 bytes of
# "text"), the model compiled in (run from an empty directory, no ../shared),
# a CoNLL file tagged and scored with known figures, and mention spans in
# `run --format json`.
. "$(dirname "$0")/lib.sh"

# "é" and "è" are two bytes each, so Jean Dupont starts at byte 29 of the text
printf '%s\n' '{"id": "c1", "text": "The owner of Café Lumière, Jean Dupont, met officials in Lyon on Tuesday."}' >"$TMP/a.jsonl"
cd "$TMP" || exit 1
expect_exit 0 "entities on JSON Lines, from a directory without the model data" -- "$SF" entities --format jsonl "$TMP/a.jsonl"
expect_grep "$TMP/out" '^\{"article": "c1", "span": \[29, 40\], "text": "Jean Dupont", "type": "person", "entity": "Jean Dupont"\}$' "Jean Dupont at UTF-8 bytes 29..40"
expect_grep "$TMP/out" '"text": "Lyon", "type": "place"' "Lyon is a place"
expect_no_grep "$TMP/out" '"text": "Tuesday"' "a weekday is not a name"
python3 - "$TMP/out" "$TMP/a.jsonl" <<'PY' && ok "every span holds its text" || not_ok "spans do not match the text"
import json, sys
text = json.loads(open(sys.argv[2]).read())["text"].encode()
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows
for r in rows:
    b, e = r["span"]
    assert text[b:e].decode() == r["text"], r
PY
expect_exit 2 "an unknown format is a usage error" -- "$SF" entities --format xml "$TMP/a.jsonl"

# a tiny CoNLL file: the recognizer's tags, then scored against a gold file
printf 'Maria X O B-PER\nLopez X O I-PER\nflew X O O\nfrom X O O\nMadrid X O B-LOC\n. X O O\n\nThe X O O\nbank X O O\nopened X O O\n. X O O\n' >"$TMP/g.conll"
expect_exit 0 "ner --conll" -- "$SF" ner --conll "$TMP/g.conll"
cp "$TMP/out" "$TMP/p.conll"
expect_grep "$TMP/p.conll" '^Maria X O B-PER B-PER$' "the predicted tag is appended"
expect_exit 0 "eval entities on the recognizer's tags" -- "$SF" eval entities --gold "$TMP/g.conll" --pred "$TMP/p.conll"
expect_grep "$TMP/out" '^PER\+LOC\+ORG +2 +2 +1\.0000 +1\.0000 +1\.0000$' "both names right: P = R = F1 = 1"
# a prediction that misses Madrid and calls "The" a place: P 1/2, R 1/2
sed -e 's/^Madrid X O B-LOC B-LOC$/Madrid X O B-LOC O/' -e 's/^The X O O O$/The X O O B-LOC/' "$TMP/p.conll" >"$TMP/q.conll"
expect_exit 0 "eval entities on a worse prediction" -- "$SF" eval entities --gold "$TMP/g.conll" --pred "$TMP/q.conll"
expect_grep "$TMP/out" '^place \(LOC\) +1 +1 +0\.0000 +0\.0000 +0\.0000$' "the wrong place scores 0"
expect_grep "$TMP/out" '^all +2 +2 +0\.5000 +0\.5000 +0\.5000$' "overall P = R = F1 = 0.5"
expect_exit 1 "eval entities on a missing file" -- "$SF" eval entities --gold "$TMP/g.conll" --pred "$TMP/none"

# run --format json: each entity lists where it is mentioned
printf 'Ferry hits pier\n\nThe ferry from Tallinn hit a pier in Helsinki on Monday, officials in Helsinki said. Captain Juha Lehto was unhurt.\n' >"$TMP/f.txt"
expect_exit 0 "run --format json" -- "$SF" run --format json "$TMP/f.txt"
python3 - "$TMP/out" "$TMP/f.txt" <<'PY' && ok "run json: entity spans point at their names" || not_ok "run json spans"
import json, sys
d = json.load(open(sys.argv[1]))
raw = open(sys.argv[2], "rb").read()
ents = {e["name"]: e for s in d["stories"] for e in s["entities"]}
h = ents["Helsinki"]
assert h["type"] == "place" and len(h["spans"]) == 2, h
for e in ents.values():
    for sp in e["spans"]:
        assert sp["text"] in raw.decode() and "\n" not in e["name"], sp
PY
finish
