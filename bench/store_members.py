#!/usr/bin/env python3
"""store_members.py - read `storyfold stories --full --format json` on stdin and
print one JSON line per article, {"id": ..., "story": ...}, the form that
`storyfold eval clusters` scores.

usage: storyfold stories --db DB --full --format json | store_members.py > pred.jsonl
"""
import json, sys

for s in json.load(sys.stdin)["stories"]:
    for a in s["articles"]:
        print(json.dumps({"id": a["id"], "story": s["id"]}))
