#!/usr/bin/env bash
# The bundled example: several stories, the syndicated copy marked, the flood
# reports in one story with their disagreement on the number evacuated
# (1,200 against about 2,000) reported as a conflict, the later festival in
# the same town in another story.
. "$(dirname "$0")/lib.sh"
expect_exit 0 "run on examples/" -- "$SF" run --format json "$SRC/examples"
python3 - "$TMP/out" <<'PY' && ok "example stories are right" || not_ok "example story checks"
import json, sys
d = json.load(open(sys.argv[1]))
story_of = {a["id"]: s["id"] for s in d["stories"] for a in s["articles"]}
dup = {a["id"]: a["duplicate_of"] for s in d["stories"] for a in s["articles"]}
assert len(story_of) == 9, story_of
assert dup["valley-flood"] == "ledger-flood", dup
assert sum(1 for v in dup.values() if v) == 1, dup
assert story_of["courier-flood"] == story_of["ledger-flood"] == story_of["valley-flood"]
assert story_of["dispatch-quillon"] == story_of["harbor-quillon"]
assert story_of["000_22cf4d11e3497b41"] == story_of["004_5c81459845075a55"]
assert story_of["courier-festival"] != story_of["courier-flood"]
assert story_of["arts-halvern"] not in (story_of["courier-flood"], story_of["dispatch-quillon"])
assert len(d["stories"]) == 5, len(d["stories"])
flood = next(s for s in d["stories"] if any(a["id"] == "courier-flood" for a in s["articles"]))
conflicts = [f for f in flood["facts"] if f["status"] == "conflict"]
assert any({m["article"] for m in f["mentions"]} >= {"courier-flood", "ledger-flood"} and
           {m["text"] for m in f["mentions"]} >= {"1,200", "About 2,000"} for f in conflicts), conflicts
raqqa = next(s for s in d["stories"] if any(a["id"] == "000_22cf4d11e3497b41" for a in s["articles"]))
assert not [f for f in raqqa["facts"] if f["status"] == "conflict"], "no conflict in the seed story"
# every fact label is words a reader can use (issue 12)
for s in d["stories"]:
    for f in s["facts"]:
        assert f["what"] and "(unspecified)" not in f["what"] and "(event)" not in f["what"], f["what"]
        assert not f["what"].startswith(("overnight /", "heavy /")), f["what"]
for s in d["stories"]:
    assert s["summary"], f"story {s['id']} has no summary"
    for sent in s["summary"]:
        assert sent["sources"], sent
PY
expect_exit 0 "markdown output" -- "$SF" run "$SRC/examples"
expect_grep "$TMP/out" '^# 5 stories from 9 articles \(1 copies\)' "markdown header counts"
expect_grep "$TMP/out" 'copy of [0-9]+' "markdown marks the copy"
finish
