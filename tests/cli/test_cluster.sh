#!/usr/bin/env bash
# storyfold cluster on the bundled example: the festival in Marlow Bridge 18
# days after the flood is its own story, the two seeds are one, the output
# depends neither on the order of the input lines nor on the number of
# threads, and `storyfold eval clusters` scores a prediction against itself
# as perfect. With DUC 2006 at
# hand: two topics, given together, never share a story or a storyline (a
# topic spans years of events, so each is several stories).
. "$(dirname "$0")/lib.sh"
ex="$SRC/examples"
expect_exit 0 "cluster the example" -- "$SF" cluster "$ex"
cp "$TMP/out" "$TMP/pred"
python3 - "$TMP/pred" <<'PY' && ok "flood, festival and seeds where they belong" || not_ok "example stories"
import json, sys
s = {d["id"]: d["story"] for d in map(json.loads, open(sys.argv[1]))}
assert len(s) == 9, s
assert s["courier-flood"] == s["ledger-flood"] == s["valley-flood"], s
assert s["courier-festival"] != s["courier-flood"], s
assert s["000_22cf4d11e3497b41"] == s["004_5c81459845075a55"], s
assert s["dispatch-quillon"] == s["harbor-quillon"] != s["courier-flood"], s
PY
mkdir -p "$TMP/shuf"
cp "$ex"/*.txt "$TMP/shuf/"
python3 -c "import random,sys; l=open(sys.argv[1]).readlines(); random.Random(7).shuffle(l); open(sys.argv[2],'w').writelines(l)" \
    "$ex/fictional.jsonl" "$TMP/shuf/z.jsonl"
expect_exit 0 "cluster the shuffled example" -- "$SF" cluster "$TMP/shuf"
if cmp -s "$TMP/out" "$TMP/pred"; then ok "shuffled input gives the same stories"; else
    not_ok "shuffled input changed the stories"; diff "$TMP/pred" "$TMP/out" | head -5; fi
for t in 1 2 8; do
    expect_exit 0 "cluster the example on $t threads" -- "$SF" cluster --threads "$t" "$ex"
    if cmp -s "$TMP/out" "$TMP/pred"; then ok "$t threads give the same stories"; else
        not_ok "$t threads changed the stories"; diff "$TMP/pred" "$TMP/out" | head -5; fi
done
expect_exit 2 "--threads needs a positive number" -- "$SF" cluster --threads 0 "$ex"
expect_exit 0 "eval clusters against itself" -- "$SF" eval clusters --gold "$TMP/pred" --pred "$TMP/pred"
expect_grep "$TMP/out" 'B-cubed +P 1\.0000 +R 1\.0000 +F1 1\.0000' "self agreement is perfect"
expect_exit 2 "eval clusters needs --gold and --pred" -- "$SF" eval clusters --gold "$TMP/pred"
duc="$SHARED/data/duc2006/docs"
if [ -d "$duc/D0601A" ] && [ -d "$duc/D0617H" ]; then
    expect_exit 0 "cluster two DUC topics" -- "$SF" cluster "$duc/D0601A" "$duc/D0617H"
    python3 - "$TMP/out" "$duc/D0601A" <<'PY' && ok "two DUC topics apart" || not_ok "two DUC topics"
import json, os, sys
rows = list(map(json.loads, open(sys.argv[1])))
ids_a = set(os.listdir(sys.argv[2]))
assert sum(d["id"] in ids_a for d in rows) == 25, "topic ids not matched"
assert len(rows) == 50, len(rows)
for key in ("story", "storyline"):
    topic = {}
    for d in rows:
        t = d["id"] in ids_a
        assert topic.setdefault(d[key], t) == t, (key, d)
PY
else
    echo "skipped: DUC 2006 not found under $SHARED (set SF_SHARED_DIR) for the two-topic check"
fi
finish
