#!/usr/bin/env bash
# Incremental equals batch on DUC 2006: six topics (150 articles) ingested in
# three batches in publication order end with the same stories as one
# ingest of all of them (the default window holds every stored story: no
# arrival-order effect; docs/store.md measures the effect of a smaller one).
. "$(dirname "$0")/lib.sh"
# Debian's python3 (scripts/setup.sh) when present: a version manager's shim
# can take seconds to start on a loaded machine.
py() { if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else python3 "$@"; fi; }
duc="$SHARED/data/duc2006/docs"
if [ ! -d "$duc/D0601A" ]; then
    echo "skipped: DUC 2006 not found under $SHARED (set SF_SHARED_DIR)"
    exit 77
fi
topics=$(ls "$duc" | grep '^D06' | head -6 | sed "s|^|$duc/|")
# shellcheck disable=SC2086
py "$SRC/bench/store_batches.py" 3 "$TMP/b" $topics
members() {
    "$SF" stories --db "$1" --full --format json | py "$SRC/bench/store_members.py" |
        py -c '
import json, sys, collections
g = collections.defaultdict(list)
for l in sys.stdin:
    d = json.loads(l); g[d["story"]].append(d["id"])
for ids in sorted(" ".join(sorted(v)) for v in g.values()): print(ids)'
}
expect_exit 0 "one ingest of six topics" -- "$SF" ingest --db "$TMP/one.db" "$TMP/b"
for b in "$TMP"/b/b0*; do
    expect_exit 0 "ingest batch $(basename "$b")" -- "$SF" ingest --db "$TMP/inc.db" "$b"
done
expect_grep "$TMP/out" ' updated; ' "the last batch updated stored stories"
members "$TMP/one.db" >"$TMP/one"
members "$TMP/inc.db" >"$TMP/inc"
n=$(wc -l <"$TMP/one")
# Stories are events, finer than DUC's topics: none may mix two topics.
# shellcheck disable=SC2086
mixed=$(py -c '
import os, re, sys
topic = {}
for d in sys.argv[2:]:
    for f in os.listdir(d):
        for m in re.finditer(rb"<DOCNO>\s*(\S+?)\s*</DOCNO>", open(os.path.join(d, f), "rb").read()):
            topic[m.group(1).decode()] = os.path.basename(d)
bad = [l for l in open(sys.argv[1]) if len({topic.get(i, "?") for i in l.split()}) > 1]
print(len(bad))' "$TMP/one" $topics)
[ "$n" -ge 4 ] && [ "$mixed" = 0 ] && ok "$n stories, none mixing two" || not_ok "$n stories, $mixed mixing topics"
if cmp -s "$TMP/one" "$TMP/inc"; then ok "three batches give the stories of one"; else
    not_ok "batches differ from one ingest"; diff "$TMP/one" "$TMP/inc" | head -5; fi
finish
