#!/usr/bin/env bash
# The PostgreSQL store on a real throwaway server (pg_virtualenv from
# Debian's postgresql-common makes a cluster, runs this script inside it
# with PGHOST etc. set, and drops it; -t: its own configuration directory, so
# it does not collide with another "regress" cluster): ingest, re-ingest, a changed article,
# search by an alias, a newer schema and a foreign database refused; and two
# processes ingesting the two halves of one stream at the same time, in
# small batches, end with the stories of one process ingesting all of it.
# Skipped (77) when no server can be started.
. "$(dirname "$0")/lib.sh"
# Debian's python3 (scripts/setup.sh) when present: a version manager's shim
# can take seconds to start on a loaded machine.
py() { if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else python3 "$@"; fi; }
pg_reexec 600
ex="$SRC/examples"
db="postgresql:///${PGDATABASE:-postgres}"
members() {
    "$SF" stories --db "$1" --full --format json | py -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    print(" ".join(sorted(a["id"] for a in s["articles"])))' | sort
}

expect_exit 0 "ingest the examples" -- "$SF" ingest --db "$db" "$ex"
expect_grep "$TMP/out" '^postgresql: 9 added, 0 changed, 0 unchanged; 5 new stories' "nine articles, five stories"
expect_exit 0 "ingest them again" -- "$SF" ingest --db "$db" "$ex"
expect_grep "$TMP/out" '0 added, 0 changed, 9 unchanged; 0 new stories, 0 updated' "re-ingest changes nothing"
py - "$ex/fictional.jsonl" "$TMP/changed.jsonl" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    if d["id"] == "valley-flood":
        d["text"] += "\n\nUpdate: the river fell by half a metre on Tuesday evening, the county said."
        open(sys.argv[2], "w").write(json.dumps(d) + "\n")
PY
expect_exit 0 "a changed article" -- "$SF" ingest --db "$db" "$TMP/changed.jsonl"
expect_grep "$TMP/out" '0 added, 1 changed, 0 unchanged; 0 new stories, 1 updated' "a new version, its story updated"
expect_exit 0 "search by an alias" -- "$SF" search --db "$db" --format json Daesh
py - "$TMP/out" <<'PY' && ok "Daesh finds Islamic State" || not_ok "alias search"
import json, sys
d = json.load(open(sys.argv[1]))
assert any(e["name"] == "Islamic State" for e in d["entities"]), d
assert d["articles"], d
PY
expect_exit 0 "search the new text" -- "$SF" search --db "$db" --format json "river fell half metre"
grep -q '"valley-flood"' "$TMP/out" && ok "full-text search finds it" || not_ok "full-text search"
expect_exit 0 "show --history" -- "$SF" show --db "$db" s2 --history --format json
py - "$TMP/out" <<'PY' && ok "two versions in the history" || not_ok "history"
import json, sys
h = json.load(open(sys.argv[1]))["history"]
assert [v["version"] for v in h["versions"]] == [1, 2], h["versions"]
PY

# The near-duplicate index (src/store/copies.c): an outlet runs a wire report
# seven weeks after it (its original's story long quiet: the clusterer starts
# another story), in another ingest; and a store of schema version 3 (made
# here by taking version 4's additions out) is migrated on open and finds a
# copy of an article stored before.
py - "$ex/fictional.jsonl" "$TMP/copy.jsonl" <<'PY'
import json, sys
d = next(json.loads(l) for l in open(sys.argv[1]) if json.loads(l)["id"] == "dispatch-quillon")
d.update(id="gazette-quillon", title="Battery plant coming to Dunmore", published="2026-04-23T09:00:00Z",
         text=d["text"] + "\n\nReporting by the Gazette news desk.")
open(sys.argv[2], "w").write(json.dumps(d) + "\n")
PY
q() { psql -At -d "$1" -c "$2"; }
pgdb=${PGDATABASE:-postgres}
check_copy() { # DB
    [ "$(q "$1" "SELECT duplicate_of FROM articles WHERE id = 'gazette-quillon'")" = dispatch-quillon ] \
        && ok "$1: marked a copy of the stored original" || not_ok "$1: duplicate_of"
    [ "$(q "$1" "SELECT count(DISTINCT story) FROM articles WHERE id IN ('gazette-quillon', 'dispatch-quillon')")" = 2 ] \
        && ok "$1: in another story than its original" || not_ok "$1: same story"
    "$SF" show --db "postgresql:///$1" "s$(q "$1" "SELECT story FROM articles WHERE id = 'gazette-quillon'")" >"$TMP/show"
    grep -q 'gazette-quillon: .*copy of dispatch-quillon' "$TMP/show" && ok "$1: show says so" || { not_ok "$1: show"; cat "$TMP/show"; }
}
bands=$(q "$pgdb" "SELECT count(*) FROM article_bands")
expect_exit 0 "a copy weeks later, another ingest" -- "$SF" ingest --db "$db" "$TMP/copy.jsonl"
expect_grep "$TMP/out" '1 added, .*near-duplicates: 1$' "found as a copy"
check_copy "$pgdb"
[ "$(q "$pgdb" "SELECT count(*) FROM article_bands")" = "$bands" ] && ok "a copy adds no keys" || not_ok "keys added"
expect_exit 0 "the copy again" -- "$SF" ingest --db "$db" "$TMP/copy.jsonl"
expect_grep "$TMP/out" '0 added, 0 changed, 1 unchanged; 0 new stories, 0 updated; near-duplicates: 0' "re-ingest changes nothing"
check_copy "$pgdb"
psql -q -c "CREATE DATABASE v3"
expect_exit 0 "a store of the examples" -- "$SF" ingest --db "postgresql:///v3" "$ex"
psql -q -d v3 -c "DROP TABLE article_bands; ALTER TABLE articles DROP COLUMN duplicate_similarity;
    DELETE FROM storyfold_meta WHERE key = 'copies_shape'; UPDATE storyfold_meta SET value = '3' WHERE key = 'schema';
    DROP INDEX entity_names_order; ALTER TABLE entity_names DROP COLUMN story, DROP COLUMN updated, DROP COLUMN mentions;
    CREATE INDEX entity_names_folded ON entity_names(folded);
    CREATE INDEX entity_names_folded_entity ON entity_names(folded, entity);
    DROP TRIGGER articles_search ON articles; DROP FUNCTION storyfold_search_row();
    DROP FUNCTION storyfold_search_newest(tsquery, bigint, bigint, int);
    ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || text)) STORED;
    CREATE INDEX articles_tsv ON articles USING GIN(tsv);
    DROP TABLE article_search; DROP FUNCTION storyfold_search_part(bigint);
    DROP TRIGGER stories_search ON stories; DROP FUNCTION storyfold_story_row();
    DROP FUNCTION storyfold_story_newest(tsquery, bigint, bigint, int);
    ALTER TABLE stories ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', headline || ' ' || summary)) STORED;
    CREATE INDEX stories_tsv ON stories USING GIN(tsv);
    DROP TABLE story_search; DROP FUNCTION storyfold_story_part(bigint)"
expect_exit 0 "the copy into the version 3 store" -- "$SF" ingest --db "postgresql:///v3" "$TMP/copy.jsonl"
[ "$(q v3 "SELECT value FROM storyfold_meta WHERE key = 'schema'")" = 9 ] && ok "migrated to version 9" || not_ok "schema version"
[ "$(q v3 "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'entity_names'")" = "entity_names_entity entity_names_order" ] \
    && ok "names are searched through the ordered index" || not_ok "entity_names indexes"
[ "$(q v3 "SELECT count(*) FROM entity_names n JOIN entities e ON e.id = n.entity JOIN stories s ON s.id = e.story
    WHERE n.story = e.story AND n.updated = s.updated AND n.mentions = COALESCE(e.mentions, 0)")" = "$(q v3 "SELECT count(*) FROM entity_names")" ] \
    && [ "$(q v3 "SELECT count(*) FROM entity_names")" -gt 0 ] && ok "the migrated names know their story, its time and their mentions" || not_ok "entity_names columns"
[ "$(q v3 "SELECT count(*) FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'tsv' AND NOT attisdropped")" = 0 ] \
    && [ "$(q v3 "SELECT count(*) FROM article_search_0 s JOIN articles a ON a.n = s.n AND a.published IS NOT DISTINCT FROM s.published
        WHERE s.tsv = to_tsvector('english', a.title || ' ' || a.text)")" = "$(q v3 "SELECT count(*) FROM articles")" ] \
    && [ "$(q v3 "SELECT attstorage FROM pg_attribute WHERE attrelid = 'article_search_0'::regclass AND attname = 'tsv'")" = m ] \
    && ok "the migrated store's tsvectors moved to article_search, kept in their rows" || not_ok "article_search after the migration"
[ "$(q v3 "SELECT count(*) FROM pg_attribute WHERE attrelid = 'stories'::regclass AND attname = 'tsv' AND NOT attisdropped")" = 0 ] \
    && [ "$(q v3 "SELECT count(*) FROM story_search_0 x JOIN stories s ON s.id = x.id
        AND s.first_published IS NOT DISTINCT FROM x.first_published AND s.last_published IS NOT DISTINCT FROM x.last_published
        WHERE x.tsv = to_tsvector('english', s.headline || ' ' || s.summary)")" = "$(q v3 "SELECT count(*) FROM stories")" ] \
    && [ "$(q v3 "SELECT count(*) FROM stories")" -gt 1 ] \
    && ok "the migrated stories' tsvectors moved to story_search, and the story made after has its row" || not_ok "story_search after the migration"
expect_exit 0 "search the migrated store" -- "$SF" search --db "postgresql:///v3" --format json Dunmore
grep -q '"gazette-quillon"' "$TMP/out" && grep -q '"dispatch-quillon"' "$TMP/out" && ok "finds the article stored before and the copy after" || not_ok "search after the migration"
py - "$TMP/out" "$(q v3 "SELECT 's' || story FROM articles WHERE id = 'gazette-quillon'")" <<'PY' && ok "finds the story made after the migration" || not_ok "story search after the migration"
import json, sys
d = json.load(open(sys.argv[1]))
assert sys.argv[2] in [x["id"] for x in d["stories"]], (sys.argv[2], d["stories"])
PY
check_copy v3

# Search reads article_search part by part, the newest part first (schema 8,
# src/store/store.h): articles numbered into a third range make their part
# when stored, and the newest 1,000 matches are the same as one query over
# all parts would give; a word only in the oldest part is still found.
psql -q -c "CREATE DATABASE parts"
expect_exit 0 "a store of the examples (parts)" -- "$SF" ingest --db "postgresql:///parts" "$ex"
psql -q -d parts -c "ALTER TABLE articles ALTER COLUMN n RESTART WITH 250000"
expect_exit 0 "a later article numbered in the third range" -- "$SF" ingest --db "postgresql:///parts" "$TMP/copy.jsonl"
[ "$(q parts "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'article_search'::regclass")" = "article_search_0 article_search_2" ] && ok "two parts, the second made by the ingest" \
    || not_ok "parts: $(q parts "SELECT string_agg(inhrelid::regclass::text, ' ') FROM pg_inherits")"
for w in Dunmore said battery; do
    a=$(q parts "SELECT string_agg(n::text, ' ' ORDER BY n DESC) FROM storyfold_search_newest(plainto_tsquery('english', '$w'), NULL, NULL, 3)")
    b=$(q parts "SELECT string_agg(n::text, ' ') FROM (SELECT n FROM article_search WHERE tsv @@ plainto_tsquery('english', '$w') ORDER BY n DESC LIMIT 3) x")
    [ -n "$a" ] && [ "$a" = "$b" ] && ok "'$w': the newest matches part by part ($a)" || not_ok "'$w': part by part '$a', one query '$b'"
done
expect_exit 0 "search a word of the older part" -- "$SF" search --db "postgresql:///parts" --format json Raqqa
py - "$TMP/out" <<'PY' && ok "the older part is read when the newer has too few" || not_ok "Raqqa: no article of the older part"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["articles"] and all(a["id"] != "gazette-quillon" for a in d["articles"]), d["articles"]
PY

# Stories too (schema 9): a story numbered into a third range of ids makes
# its part when stored; part by part equals one query; a story's row follows
# its headline and summary when they change and goes when the story goes.
psql -q -d parts -c "INSERT INTO story_versions VALUES (44999, 1, 0, 0, '{}')"
psql -q -d parts -c "ALTER TABLE articles ALTER COLUMN n RESTART WITH 260000"
sed 's/gazette-quillon/herald-quillon/; s/Gazette news desk/Herald city desk/' "$TMP/copy.jsonl" >"$TMP/copy2.jsonl"
py - "$TMP/copy2.jsonl" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read())
d.update(published="2026-09-30T09:00:00Z", title="Dunmore battery plant opens its doors")
open(sys.argv[1], "w").write(json.dumps(d) + "\n")
PY
expect_exit 0 "a story numbered in the third range" -- "$SF" ingest --db "postgresql:///parts" "$TMP/copy2.jsonl"
[ "$(q parts "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'story_search'::regclass")" = "story_search_0 story_search_2" ] && ok "two story parts, the second made by the ingest" \
    || not_ok "story parts: $(q parts "SELECT string_agg(inhrelid::regclass::text, ' ') FROM pg_inherits")"
for w in Dunmore said battery; do
    a=$(q parts "SELECT string_agg(id::text, ' ' ORDER BY id DESC) FROM storyfold_story_newest(plainto_tsquery('english', '$w'), NULL, NULL, 3)")
    b=$(q parts "SELECT string_agg(id::text, ' ') FROM (SELECT id FROM story_search WHERE tsv @@ plainto_tsquery('english', '$w') ORDER BY id DESC LIMIT 3) x")
    [ -n "$a" ] && [ "$a" = "$b" ] && ok "'$w': the newest stories part by part ($a)" || not_ok "'$w': stories part by part '$a', one query '$b'"
done
[ "$(q parts "SELECT count(*) FROM story_search WHERE id >= 40000")" = 1 ] && ok "the new story's row is in the third range" || not_ok "story_search rows of the third range"
psql -q -d parts -c "UPDATE stories SET headline = 'Zyxwvut headline' WHERE id = (SELECT max(id) FROM stories)"
[ "$(q parts "SELECT count(*) FROM storyfold_story_newest(plainto_tsquery('english', 'Zyxwvut'), NULL, NULL, 5)")" = 1 ] \
    && ok "a changed headline is searched" || not_ok "headline change not in story_search"
psql -q -d parts -c "DELETE FROM stories WHERE headline = 'Zyxwvut headline'"
[ "$(q parts "SELECT count(*) FROM story_search WHERE id >= 40000")" = 0 ] && ok "a story gone leaves no search row" || not_ok "story_search row left"
[ "$(q parts "SELECT count(*) FROM story_search")" = "$(q parts "SELECT count(*) FROM stories")" ] && ok "one search row a story" || not_ok "story_search count"
# The web page's story list filtered by words reads story_search too.
if command -v curl >/dev/null; then
    "$SF" serve --db "postgresql:///parts" --listen 127.0.0.1:0 --port-file "$TMP/serve.port" 2>"$TMP/serve.log" &
    spid=$!
    for _ in $(seq 100); do [ -s "$TMP/serve.port" ] && break; sleep 0.1; done
    body=$(curl -s "http://127.0.0.1:$(cat "$TMP/serve.port" 2>/dev/null)/api/stories?q=Raqqa")
    kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
    py - "$body" <<'PY' && ok "the web page's list by words finds the Raqqa story" || { not_ok "web list q=Raqqa"; head -c 300 <<<"$body"; cat "$TMP/serve.log"; }
import json, sys
d = json.loads(sys.argv[1])
assert d["stories"] and any("Raqq" in s["headline"] for s in d["stories"]), d
PY
else
    echo "# skip: curl is not installed, the web list by words on PostgreSQL is not checked"
fi

psql -q -c "CREATE DATABASE newer" && psql -q -d newer -c "CREATE TABLE storyfold_meta(key text primary key, value text); INSERT INTO storyfold_meta VALUES ('schema', '99')"
expect_exit 1 "a newer schema is refused" -- "$SF" stories --db "postgresql:///newer"
expect_grep "$TMP/err" 'newer storyfold \(schema version 99' "says which version"
psql -q -c "CREATE DATABASE foreign_db" && psql -q -d foreign_db -c "CREATE TABLE articles(x int)"
expect_exit 1 "a foreign database is refused" -- "$SF" ingest --db "postgresql:///foreign_db" "$ex"
expect_grep "$TMP/err" 'not a storyfold store' "says so"
expect_exit 1 "no server at that address" -- "$SF" stories --db "postgresql://localhost:1/x?connect_timeout=3"
expect_grep "$TMP/err" 'cannot connect' "says it cannot connect"

# Two processes, two halves of one stream, at the same time.
py - "$ex/fictional.jsonl" "$TMP/odd.jsonl" "$TMP/even.jsonl" "$TMP/all.jsonl" <<'PY'
import json, random, sys
rnd = random.Random(15)
src = [json.loads(l) for l in open(sys.argv[1])]
out = [open(p, "w") for p in sys.argv[2:]]
for k in range(6):
    for i, d in enumerate(src):
        e = dict(d); e["id"] = "%s-%d" % (d["id"], k)
        e["text"] = d["text"] + "\n\n" + " ".join(rnd.sample(d["text"].split(), 30)) + "."
        line = json.dumps(e) + "\n"
        out[(k * len(src) + i) % 2].write(line)
        out[2].write(line)
PY
# Each process keeps the stream clusterer across its batches and builds it
# again from the store whenever the other committed in between: which batch
# commits first is up to the scheduler, so by default the stories may differ
# from one process's within the documented arrival-order effect, and only
# "every article once" is checked. With --recluster (every batch clusters the
# stored stories again, the workers' mode) the order does not matter at all:
# the stories must be those of one process taking one batch.
for d in one two one_r two_r; do psql -q -c "CREATE DATABASE $d"; done
two_procs() { # DB OPTIONS...
    local db=$1; shift
    "$SF" ingest --db "$db" --batch 3 "$@" "$TMP/odd.jsonl" >"$TMP/p1" 2>&1 &
    p1=$!
    "$SF" ingest --db "$db" --batch 3 "$@" "$TMP/even.jsonl" >"$TMP/p2" 2>&1 &
    p2=$!
    wait "$p1" && wait "$p2" && ok "two concurrent ingests $*" || { not_ok "concurrent ingests failed"; cat "$TMP/p1" "$TMP/p2"; }
}
two_procs "postgresql:///two"
two_procs "postgresql:///two_r" --recluster
expect_exit 0 "one process, the whole stream" -- "$SF" ingest --db "postgresql:///one" --batch 3 "$TMP/all.jsonl"
expect_exit 0 "one process, one batch, --recluster" -- "$SF" ingest --db "postgresql:///one_r" --recluster "$TMP/all.jsonl"
for m in "" _r; do
    members "postgresql:///one$m" >"$TMP/m1"
    members "postgresql:///two$m" >"$TMP/m2"
    [ "$(tr ' ' '\n' <"$TMP/m2" | grep -c .)" -eq 42 ] && ok "42 articles stored once (two$m)" || not_ok "article count (two$m)"
    [ -z "$m" ] && continue
    if cmp -s "$TMP/m1" "$TMP/m2"; then ok "two$m: same stories as one process ($(wc -l <"$TMP/m1"))"; else
        not_ok "two$m: two processes gave other stories"; diff "$TMP/m1" "$TMP/m2" | head -6; fi
done
# The summaries' claim (src/store/summarize.c): a process making a story's
# summary holds a session advisory lock on (0x73667375, story); another
# process skips that story, and when the holder dies (kill -9) its claim ends
# with its connection and the next process makes the story. The holder here
# is a psql session standing for a worker killed while it made story 1.
for d in claim claim_ref; do psql -q -c "CREATE DATABASE $d"; done
expect_exit 0 "reference: one ingest" -- "$SF" ingest --db "postgresql:///claim_ref" --now @1000000 "$ex"
mkfifo "$TMP/holder_in"
psql -q -At -d claim <"$TMP/holder_in" >"$TMP/holder_out" 2>&1 &
holder=$!
exec 7>"$TMP/holder_in"
echo "SELECT pg_advisory_lock(1936094069, 1);" >&7
held() { psql -At -d claim -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1936094069 AND objid = 1 AND objsubid = 2 AND granted"; }
for _ in $(seq 100); do [ "$(held)" = 1 ] && break; sleep 0.2; done
[ "$(held)" = 1 ] && ok "story 1 claimed by another session" || not_ok "the claim was not taken"
expect_exit 0 "ingest while story 1 is claimed" -- "$SF" ingest --db "postgresql:///claim" --now @1000000 "$ex"
expect_grep "$TMP/out" '9 added, 0 changed, 0 unchanged; 5 new stories' "nine articles, five stories"
[ "$(psql -At -d claim -c 'SELECT story FROM dirty_stories')" = 1 ] && ok "story 1 left marked, not made twice" || not_ok "dirty_stories: $(psql -At -d claim -c 'SELECT story FROM dirty_stories')"
[ "$(members postgresql:///claim | wc -l)" -eq 4 ] && ok "four stories listed (story 1's summary not made yet)" || not_ok "listed: $(members postgresql:///claim | wc -l)"
kill -9 "$holder"
wait "$holder" 2>/dev/null
exec 7>&-
for _ in $(seq 100); do [ "$(held)" = 0 ] && break; sleep 0.2; done
[ "$(held)" = 0 ] && ok "the killed session's claim is gone" || not_ok "the claim outlived its session"
expect_exit 0 "the next ingest (nothing new)" -- "$SF" ingest --db "postgresql:///claim" --now @1000000 "$ex"
expect_grep "$TMP/out" '0 added, 0 changed, 9 unchanged; 0 new stories, 0 updated' "nothing new"
[ "$(psql -At -d claim -c 'SELECT count(*) FROM dirty_stories')" = 0 ] && ok "no story left marked" || not_ok "stories left marked"
[ "$(psql -At -d claim -c 'SELECT count(*) FROM story_versions WHERE story = 1')" = 1 ] && ok "story 1 made once" || not_ok "story 1's versions"
for d in claim claim_ref; do
    "$SF" stories --db "postgresql:///$d" --full --format json >"$TMP/$d.json"
    "$SF" show --db "postgresql:///$d" s1 --history --format json >"$TMP/$d.s1.json"
done
cmp -s "$TMP/claim.json" "$TMP/claim_ref.json" && cmp -s "$TMP/claim.s1.json" "$TMP/claim_ref.s1.json" \
    && ok "the same stories and summaries as one ingest" || { not_ok "stories differ from one ingest"; diff "$TMP/claim.json" "$TMP/claim_ref.json" | head -6; }
# A write that fails inside a batch. Writes whose result is not read are
# queued in libpq's pipeline mode (src/store/pg.c) and their results read
# later: the failure must still be that statement's error, and the whole
# batch must roll back. A trigger raising disk_full stands for a full disk;
# a table lock held by another session for a lock.
psql -q -c "CREATE DATABASE fails"
"$SF" stories --db "postgresql:///fails" >/dev/null # creates the schema
psql -q -d fails -c "CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS
    \$\$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END \$\$"
psql -q -d fails -c "CREATE TRIGGER full_events BEFORE INSERT ON story_events FOR EACH ROW EXECUTE FUNCTION full_disk()"
count() { psql -At -d fails -c "SELECT (SELECT count(*) FROM articles) || '|' || (SELECT count(*) FROM stories) || '|' || (SELECT count(*) FROM story_events)"; }
expect_exit 1 "disk full in the batch's writes" -- "$SF" ingest --db "postgresql:///fails" --now @1000000 "$ex"
expect_grep "$TMP/err" 'fails is full: ERROR:  could not extend file: No space left on device' "says the store is full"
expect_grep "$TMP/err" 'nothing of this batch was stored' "and that nothing was stored"
[ "$(count)" = "0|0|0" ] && ok "nothing of the batch is stored" || not_ok "stored after a failed batch: $(count)"
psql -q -d fails -c "DROP TRIGGER full_events ON story_events"
psql -q -d fails -c "CREATE TRIGGER full_names BEFORE INSERT ON entity_names FOR EACH ROW EXECUTE FUNCTION full_disk()"
expect_exit 1 "disk full while writing the summaries" -- "$SF" ingest --db "postgresql:///fails" --now @1000000 "$ex"
expect_grep "$TMP/err" 'fails is full: ERROR:  could not extend file: No space left on device' "says the store is full"
expect_grep "$TMP/err" 'the batch is stored, the summaries of its stories are not' "and that the batch is stored, its summaries not"
[ "$(psql -At -d fails -c 'SELECT count(*) FROM story_versions')" = 0 ] && ok "no summary stored" || not_ok "summaries stored after a failure"
psql -q -d fails -c "DROP TRIGGER full_names ON entity_names"
mkfifo "$TMP/locker_in"
psql -q -At -d fails <"$TMP/locker_in" >"$TMP/locker_out" 2>&1 &
locker=$!
exec 8>"$TMP/locker_in"
echo "BEGIN; LOCK TABLE story_events IN SHARE MODE; SELECT 'locked';" >&8
for _ in $(seq 100); do grep -q locked "$TMP/locker_out" && break; sleep 0.2; done
printf '%s\n' '{"id": "late-1", "title": "A late article", "text": "A text that no other article has, about nothing in particular at all."}' >"$TMP/late.jsonl"
expect_exit 1 "a table locked by another session" -- "$SF" ingest --db "postgresql:///fails" --now @1000000 --lock-timeout 1 "$TMP/late.jsonl"
expect_grep "$TMP/err" 'is locked by another process' "says it is locked"
[ "$(psql -At -d fails -c "SELECT count(*) FROM articles WHERE id = 'late-1'")" = 0 ] && ok "the locked batch stored nothing" || not_ok "the locked batch stored its article"
echo "ROLLBACK;" >&8
exec 8>&-
wait "$locker" 2>/dev/null
expect_exit 0 "the next ingest makes the summaries" -- "$SF" ingest --db "postgresql:///fails" --now @1000000 "$ex"
expect_grep "$TMP/out" '0 added, 0 changed, 9 unchanged' "the articles were stored once"
"$SF" stories --db "postgresql:///fails" --full --format json >"$TMP/fails.json"
cmp -s "$TMP/fails.json" "$TMP/claim_ref.json" && ok "then the same stories as one ingest" ||
    { not_ok "stories differ from one ingest"; diff "$TMP/fails.json" "$TMP/claim_ref.json" | head -6; }
finish
