#!/usr/bin/env bash
# Reports in other languages: the language a page or record declares (or its
# text shows) reaches `run --format json` as articles[].lang and the entity
# stage, so a German page gives no rows for sentence-opening function words
# and capitalized nouns ("Die Dokumente", "Wenn Sie") but keeps a person
# named with a title or given name, and a Spanish record none for "Los".
. "$(dirname "$0")/lib.sh"

cat >"$TMP/de.html" <<'EOF'
<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Neue Dokumente zur Datensammlung</title></head>
<body><article><h1>Neue Dokumente zur Datensammlung</h1>
<p>Die Dokumente zeigen, wie Unternehmen Daten sammeln und wie lange sie diese Daten speichern.
Wenn Sie das lesen, wissen Sie mehr über die Praxis der großen Anbieter im Netz.</p>
<p>Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Hilfe für die Betroffenen komme rasch.
Die Regierung wolle die Regeln für den Umgang mit den Daten noch in diesem Jahr ändern.</p>
</article></body></html>
EOF
expect_exit 0 "run on a German page" -- "$SF" run --format json "$TMP/de.html"
cp "$TMP/out" "$TMP/de.json"
python3 - "$TMP/de.json" <<'PY' && ok "the page's lang=\"de-DE\" is articles[].lang \"de\"" || not_ok "articles[].lang is not de"
import json, sys
d = json.load(open(sys.argv[1]))
langs = [a.get("lang") for s in d["stories"] for a in s["articles"]]
assert langs == ["de"], langs
PY
python3 - "$TMP/de.json" <<'PY' && ok "German: no function words or nouns as names, Olaf Scholz a person" || not_ok "German entity rows"
import json, sys
d = json.load(open(sys.argv[1]))
ents = {e["name"]: e["type"] for s in d["stories"] for e in s["entities"]}
junk = {"Die Dokumente", "Dokumente", "Wenn Sie", "Sie", "Unternehmen Daten", "Daten", "Hilfe",
        "Montag", "Regierung", "Regeln", "Die Regierung"}
assert not junk & set(ents), sorted(junk & set(ents))
assert ents.get("Olaf Scholz") == "person", ents
PY

printf '%s\n' '{"id": "es1", "language": "es-AR", "text": "Los documentos muestran el problema. Las autoridades dijeron que el presidente Pedro Sánchez viaja a Bruselas. Habla poco."}' >"$TMP/es.jsonl"
expect_exit 0 "run on a Spanish record" -- "$SF" run --format json "$TMP/es.jsonl"
cp "$TMP/out" "$TMP/es.json"
python3 - "$TMP/es.json" <<'PY' && ok "Spanish: \"language\": \"es-AR\" is lang \"es\"; no Los, Las, Habla; Pedro Sánchez a person" || not_ok "Spanish record"
import json, sys
d = json.load(open(sys.argv[1]))
arts = [a for s in d["stories"] for a in s["articles"]]
assert [a.get("lang") for a in arts] == ["es"], arts
ents = {e["name"]: e["type"] for s in d["stories"] for e in s["entities"]}
assert not {"Los", "Las", "Habla"} & set(ents), ents
assert ents.get("Pedro Sánchez") == "person", ents
PY

# an English record keeps "en" and its names as before
printf '%s\n' '{"id": "en1", "text": "Chancellor Olaf Scholz said on Monday in Berlin that the aid would come soon."}' >"$TMP/en.jsonl"
expect_exit 0 "run on an English record" -- "$SF" run --format json "$TMP/en.jsonl"
expect_grep "$TMP/out" '"lang": ?"en"' "an undeclared English record is lang \"en\""
finish
