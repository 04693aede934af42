#!/usr/bin/env bash
# The SQLite store end to end: ingest, re-ingest (nothing changes), a changed
# article (a new version, its story updated, its history shown), search by
# words and by an alias, run --db; stores that must be refused (not a store,
# a foreign SQLite database, corrupt, a newer schema, locked by another
# process); a full disk (the --max-size quota) leaving the store as it was;
# and an ingest killed with SIGKILL twenty times at random moments, then
# finished: every article stored once and the stories of one clean ingest.
. "$(dirname "$0")/lib.sh"
# Debian's python3 (scripts/setup.sh) when present: a version manager's shim
# can take seconds to start on a loaded machine.
py() { if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else python3 "$@"; fi; }
ex="$SRC/examples"
db="$TMP/s.db"
members() { # DB -> sorted "article story-members" lines: the partition, numbers aside
    "$SF" stories --db "$1" --full --format json | py -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    ids = sorted(a["id"] for a in s["articles"])
    print(" ".join(ids))' | sort
}

expect_exit 0 "ingest the examples" -- "$SF" ingest --db "$db" --now 2026-04-01 "$ex"
expect_grep "$TMP/out" '^sqlite: 9 added, 0 changed, 0 unchanged; 5 new stories' "nine articles, five stories"
members "$db" >"$TMP/first"
expect_exit 0 "ingest them again" -- "$SF" ingest --db "$db" --now 2026-04-02 "$ex"
expect_grep "$TMP/out" '0 added, 0 changed, 9 unchanged; 0 new stories, 0 updated' "re-ingest changes nothing"
members "$db" >"$TMP/again"
if cmp -s "$TMP/first" "$TMP/again"; then ok "same stories after re-ingest"; else not_ok "stories changed on re-ingest"; fi
expect_exit 0 "stories" -- "$SF" stories --db "$db"
[ "$(grep -c '^- s' "$TMP/out")" -eq 5 ] && ok "five stories listed" || not_ok "stories listing: $(cat "$TMP/out")"
expect_grep "$TMP/out" '^- s[0-9]+  2026-03-20T07:30:00Z  1 article  Marlow Bridge lantern festival' "newest story first"

# A changed article: same id, new text.
py - "$ex/fictional.jsonl" "$TMP/changed.jsonl" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    if d["id"] == "valley-flood":
        d["text"] += "\n\nUpdate: the river fell by half a metre on Tuesday evening, the county said."
        open(sys.argv[2], "w").write(json.dumps(d) + "\n")
PY
expect_exit 0 "ingest a changed article" -- "$SF" ingest --db "$db" --now 2026-04-03 "$TMP/changed.jsonl"
expect_grep "$TMP/out" '0 added, 1 changed, 0 unchanged; 0 new stories, 1 updated' "a new version, its story updated"
story=$("$SF" search --db "$db" --format json "river fell half metre" | py -c 'import json,sys; print(json.load(sys.stdin)["articles"][0]["story"])')
[ -n "$story" ] && ok "search finds the new text ($story)" || not_ok "search of the new text"
expect_exit 0 "show --history" -- "$SF" show --db "$db" "$story" --history --format json
py - "$TMP/out" <<'PY' && ok "history: joined, changed, two versions" || not_ok "history"
import json, sys
h = json.load(open(sys.argv[1]))["history"]
ev = [(e["event"], e["article"]) for e in h["events"]]
assert ("changed", "valley-flood") in ev and ("joined", "valley-flood") in ev, ev
assert [v["version"] for v in h["versions"]] == [1, 2], h["versions"]
assert h["versions"][1]["time"] == "2026-04-03T00:00:00Z", h["versions"][1]["time"]
PY
expect_exit 0 "show in markdown" -- "$SF" show --db "$db" "$story" --history
expect_grep "$TMP/out" '^Version 2 \(2026-04-03' "markdown history"
expect_exit 1 "show an unknown story" -- "$SF" show --db "$db" s999
expect_grep "$TMP/err" 'no story s999' "unknown story named"

# Search: an alias finds the entity and its story.
expect_exit 0 "search by an alias" -- "$SF" search --db "$db" --format json Daesh
py - "$TMP/out" <<'PY' && ok "Daesh finds Islamic State" || not_ok "alias search"
import json, sys
d = json.load(open(sys.argv[1]))
assert any(e["name"] == "Islamic State" and e["matched"] == "Daesh" for e in d["entities"]), d["entities"]
PY
expect_exit 0 "search by time" -- "$SF" search --db "$db" --format json --since 2026-03-04 --until 2026-03-06 Quillon
py - "$TMP/out" <<'PY' && ok "time range keeps the March 5 Quillon reports only" || not_ok "time search"
import json, sys
a = json.load(open(sys.argv[1]))["articles"]
assert a and all("2026-03-04" <= x["published"] <= "2026-03-06" for x in a), a
PY
expect_exit 0 "stories --since" -- "$SF" stories --db "$db" --since 2026-04-03
[ "$(grep -c '^- s' "$TMP/out")" -eq 1 ] && ok "one story changed since April 3" || not_ok "--since: $(cat "$TMP/out")"

# run --db: ingest and print what changed.
expect_exit 0 "run --db" -- "$SF" run --db "$TMP/r.db" --format json "$ex"
py - "$TMP/out" <<'PY' && ok "run --db prints five whole stories" || not_ok "run --db"
import json, sys
st = json.load(open(sys.argv[1]))["stories"]
assert len(st) == 5 and all(s["summary"] and s["articles"] for s in st), len(st)
PY

# Stores that are refused, with a message and exit 1.
printf 'just some text\n' >"$TMP/foreign.txt"
expect_exit 1 "a text file is refused" -- "$SF" stories --db "$TMP/foreign.txt"
expect_grep "$TMP/err" 'not a storyfold store' "says it is not a store"
py -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.commit()' "$TMP/other.db"
expect_exit 1 "a foreign SQLite database is refused" -- "$SF" ingest --db "$TMP/other.db" "$ex"
expect_grep "$TMP/err" 'SQLite database but not a storyfold store' "says so"
py -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select count(*) from sqlite_master").fetchone()[0])' "$TMP/other.db" >"$TMP/n"
[ "$(cat "$TMP/n")" = 1 ] && ok "foreign database untouched" || not_ok "foreign database changed"
cp "$db" "$TMP/newer.db"
py -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma user_version=99"); c.commit()' "$TMP/newer.db"
expect_exit 1 "a newer schema is refused" -- "$SF" stories --db "$TMP/newer.db"
expect_grep "$TMP/err" 'newer storyfold \(schema version 99' "says which version"
cp "$db" "$TMP/corrupt.db"
py -c '
import sys
f = open(sys.argv[1], "r+b"); f.seek(100); f.write(b"\xa5" * 3996); f.close()' "$TMP/corrupt.db"
expect_exit 1 "a store with a damaged first page is refused" -- "$SF" search --db "$TMP/corrupt.db" river
expect_grep "$TMP/err" 'is corrupt' "says it is corrupt"
cp "$db" "$TMP/corrupt2.db"
py -c '
import os, sys
f = open(sys.argv[1], "r+b"); n = os.path.getsize(sys.argv[1])
f.seek(4096); f.write(b"\xa5" * (n - 4096)); f.close()' "$TMP/corrupt2.db"
expect_exit 1 "a store with damaged tables is refused" -- "$SF" stories --db "$TMP/corrupt2.db" --full
expect_grep "$TMP/err" 'is corrupt' "says it is corrupt"

# Locked: another process holds the write lock.
py - "$db" "$TMP/locked" <<'PY' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("begin immediate")
open(sys.argv[2], "w").close()
time.sleep(4)
c.execute("rollback")
PY
holder=$!
for _ in $(seq 50); do [ -f "$TMP/locked" ] && break; sleep 0.1; done
expect_exit 1 "a locked store" -- "$SF" ingest --db "$db" --lock-timeout 0.3 "$TMP/changed.jsonl"
expect_grep "$TMP/err" 'locked by another process' "says it is locked"
expect_exit 0 "reading goes on while it is locked (WAL)" -- "$SF" stories --db "$db"
wait "$holder"

# Disk full: the batch fails, the store is as before.
members "$db" >"$TMP/before"
size=$(stat -c %s "$db")
py - "$ex/fictional.jsonl" "$TMP/big.jsonl" <<'PY'
import json, sys
for k in range(40):
    for l in open(sys.argv[1]):
        d = json.loads(l); d["id"] = "big-%d-%s" % (k, d["id"]); d["text"] = (d["text"] + " ") * 20
        open(sys.argv[2], "a").write(json.dumps(d) + "\n")
PY
expect_exit 1 "an ingest that fills the disk" -- "$SF" ingest --db "$db" --max-size $((size + 65536)) "$TMP/big.jsonl"
expect_grep "$TMP/err" 'is full' "says the store is full"
members "$db" >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then ok "store as before"; else not_ok "store changed by the failed batch"; fi
expect_exit 0 "the store still takes articles" -- "$SF" ingest --db "$db" "$TMP/changed.jsonl"

# kill -9 at random moments (seeded), twenty times, then finish. Each round
# ingests a part of the stream not stored yet (so there is always work to
# interrupt), killed after a random share of the time a clean ingest of one
# part takes here; a round that finished before its kill is simply counted
# as not killed. The last ingest then takes the whole stream.
py - "$ex/fictional.jsonl" "$TMP/parts" <<'PY'
import json, os, random, sys
rnd = random.Random(15)
src = [json.loads(l) for l in open(sys.argv[1])]
os.makedirs(sys.argv[2])
for part in range(21):
    with open(os.path.join(sys.argv[2], "p%02d.jsonl" % part), "w") as f:
        for k in range(2):
            for d in src:
                e = dict(d); e["id"] = "%s-%d-%d" % (d["id"], part, k)
                e["text"] = d["text"] + "\n\n" + " ".join(rnd.sample(d["text"].split(), 30)) + "."
                f.write(json.dumps(e) + "\n")
PY
cat "$TMP"/parts/p*.jsonl >"$TMP/stream.jsonl"
total=$(wc -l <"$TMP/stream.jsonl")
t0=$(date +%s%N)
"$SF" ingest --db "$TMP/probe.db" --batch 7 "$TMP/parts/p20.jsonl" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# The loop runs with --recluster, the order-independent assignment: there
# the stories must be exactly those of one clean ingest. The default
# assignment keeps a stream clusterer per process, so any process boundary
# (a kill, as well as a new ingest) may place a report differently within
# the documented arrival-order effect (docs/store.md); its kill loop below
# checks that nothing is lost or doubled.
# kill_loop DB ROUNDS [OPTIONS...]: ROUNDS ingests of the first parts, each
# killed at a random moment within the first 60% of a clean part's time;
# sets $kills to how many were killed mid-way
kill_loop() {
    local db=$1 rounds=$2 i part pid
    shift 2
    kills=0
    for i in $(seq 0 $((rounds - 1))); do
        part=$(printf '%s/parts/p%02d.jsonl' "$TMP" "$i")
        "$SF" ingest --db "$db" "$@" --batch 7 "$part" >/dev/null 2>"$TMP/kerr" &
        pid=$!
        sleep "$(awk -v ms="$ms" -v r=$((RANDOM % 100)) 'BEGIN { printf "%.3f", ms * 0.6 * r / 100000 }')"
        if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
        wait "$pid" 2>/dev/null
    done
}
# stored_once MEMBERS LABEL: every article of the stream in it, none twice
stored_once() {
    local n dup
    n=$(tr ' ' '\n' <"$1" | grep -c .)
    dup=$(tr ' ' '\n' <"$1" | grep . | sort | uniq -d | wc -l)
    [ "$n" -eq "$total" ] && [ "$dup" -eq 0 ] && ok "$2every article stored exactly once ($n)" ||
        not_ok "$2articles: $n of $total stored, $dup twice"
}
RANDOM=15
kill_loop "$TMP/k.db" 20 --recluster
echo "# one part takes $ms ms to ingest here; $kills of 20 ingests were killed mid-way"
[ "$kills" -ge 1 ] && ok "$kills of 20 ingests killed mid-way" || not_ok "no ingest was killed mid-way (one part takes $ms ms)"
expect_exit 0 "the killed store opens and the ingest finishes" -- "$SF" ingest --db "$TMP/k.db" --recluster --batch 7 "$TMP/stream.jsonl"
expect_exit 0 "a clean ingest of the same stream" -- "$SF" ingest --db "$TMP/clean.db" --recluster --batch 7 "$TMP/stream.jsonl"
members "$TMP/k.db" >"$TMP/kmem"
members "$TMP/clean.db" >"$TMP/cmem"
stored_once "$TMP/kmem" ""
if cmp -s "$TMP/kmem" "$TMP/cmem"; then ok "same stories as one clean ingest"; else
    not_ok "stories differ after the kills"; diff "$TMP/cmem" "$TMP/kmem" | head -5; fi
# the default assignment, five kills: every article stored once, the store goes on
kill_loop "$TMP/d.db" 5
echo "# default assignment: $kills of 5 ingests killed mid-way"
expect_exit 0 "default assignment: the killed store opens and the ingest finishes" -- "$SF" ingest --db "$TMP/d.db" --batch 7 "$TMP/stream.jsonl"
members "$TMP/d.db" >"$TMP/dmem"
stored_once "$TMP/dmem" "default assignment: "
finish
