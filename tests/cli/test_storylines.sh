#!/usr/bin/env bash
# Stories at the grain of events, linked into storylines (our own short
# reports in tests/data/events): two events with the same politicians in the
# same city in one week are two stories of one storyline, and `run` lists
# each as the other's related story with the names they share; two reports of
# one event five days apart are one story; two German reports of two fires
# (same words, other cities) are two stories; copies of one text are one; a
# drought and its aid weeks later (one shared name, same content) are one
# storyline.
. "$(dirname "$0")/lib.sh"
d="$SRC/tests/data/events"
expect_exit 0 "cluster two events of one week" -- "$SF" cluster "$d/two_events_one_week.jsonl"
python3 - "$TMP/out" <<'PY' && ok "two stories, one storyline" || not_ok "two events, one week"
import json, sys
r = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
assert r["budget-1"]["story"] == r["budget-2"]["story"], r
assert r["tram-1"]["story"] == r["tram-2"]["story"], r
assert r["budget-1"]["story"] != r["tram-1"]["story"], r
assert r["budget-1"]["storyline"] == r["tram-1"]["storyline"], r
PY
expect_exit 0 "run two events of one week" -- "$SF" run --format json "$d/two_events_one_week.jsonl"
python3 - "$TMP/out" <<'PY' && ok "related stories with their shared names" || not_ok "related in JSON"
import json, sys
st = json.load(open(sys.argv[1]))["stories"]
assert len(st) == 2, [s["id"] for s in st]
a, b = st
assert a["storyline"] == b["storyline"], (a["storyline"], b["storyline"])
assert [r["story"] for r in a["related"]] == [b["id"]], a["related"]
assert [r["story"] for r in b["related"]] == [a["id"]], b["related"]
names = set(a["related"][0]["names"])
# the reason names the entities both stories hold, not the bare words
assert names & {"Anna Berger", "Tomas Weller", "Lindau"}, names
assert not names & {"Berger", "Weller", "Anna", "Tomas"}, names
PY
expect_exit 0 "run as markdown" -- "$SF" run "$d/two_events_one_week.jsonl"
expect_grep "$TMP/out" '^Related: story 2 \(' "markdown lists the related story"
expect_exit 0 "cluster one event over five days" -- "$SF" cluster "$d/one_event_five_days.jsonl"
python3 - "$TMP/out" <<'PY' && ok "five days apart, one story" || not_ok "one event, five days"
import json, sys
r = [d["story"] for d in map(json.loads, open(sys.argv[1]))]
assert len(r) == 2 and r[0] == r[1], r
PY
expect_exit 0 "cluster two German fires" -- "$SF" cluster "$d/german_two_fires.jsonl"
python3 - "$TMP/out" <<'PY' && ok "two German fires, two stories" || not_ok "German fires"
import json, sys
r = [(d["story"], d["storyline"]) for d in map(json.loads, open(sys.argv[1]))]
assert len(r) == 2 and r[0][0] != r[1][0] and r[0][1] != r[1][1], r
PY
# copies of one text under other ids: one story, whatever their number
python3 - "$d/german_two_fires.jsonl" "$TMP/copies.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
with open(sys.argv[2], "w") as f:
    for k in range(50):
        for r in rows:
            f.write(json.dumps(dict(r, id="%s-%d" % (r["id"], k))) + "\n")
PY
expect_exit 0 "cluster 100 copies of two texts" -- "$SF" cluster "$TMP/copies.jsonl"
python3 - "$TMP/out" <<'PY' && ok "copies share their text's story" || not_ok "copies"
import json, sys
s = {}
for d in map(json.loads, open(sys.argv[1])):
    s.setdefault(d["id"].rsplit("-", 1)[0], set()).add(d["story"])
assert len(s) == 2 and all(len(v) == 1 for v in s.values()), s
assert s["koeln-brand"] != s["dresden-brand"], s
PY
# a drought and the aid for its farmers three weeks later: other officials,
# one shared place, the same content: two stories, one storyline; a concert
# in the same town between them is neither's storyline
expect_exit 0 "cluster a drought weeks apart" -- "$SF" cluster "$d/drought_weeks_apart.jsonl"
python3 - "$TMP/out" <<'PY' && ok "content and one name link a storyline" || not_ok "drought storyline"
import json, sys
r = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
assert r["drought-1"]["story"] != r["drought-2"]["story"], r
assert r["drought-1"]["storyline"] == r["drought-2"]["storyline"], r
assert r["concert-1"]["storyline"] != r["drought-1"]["storyline"], r
PY
finish
