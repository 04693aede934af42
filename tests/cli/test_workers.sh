#!/usr/bin/env bash
# Kafka workers sharing one PostgreSQL store (docs/workers.md), on librdkafka's
# mock cluster (build/sf_kafka_mock, four partitions) and a real throwaway
# PostgreSQL server (pg_virtualenv, as tests/cli/test_store_pg.sh):
#  - a self-made stream (42 articles), always: produced, read by three worker
#    processes into one store; every article stored once and the stories of one
#    process ingesting the same articles; then again with one worker killed
#    with kill -9 after its first batch and restarted;
#  - the same with --incremental (the store's kept stream clusterer) and a
#    kill, on the self-made stream;
#  - DUC 2006 (some topics; skipped without ../shared): the same two runs;
#  - bad messages (not JSON, no text, 20 MB): each reported with its
#    partition and offset and put aside in the store, the rest stored, and a
#    second worker of the group reads none of them again;
#  - WARC records as messages (plain and gzip'd, one record per message, as
#    `produce --files` sends them): the pages' articles stored, a broken
#    record put aside with its partition and offset.
# Skipped (77) without librdkafka or when no PostgreSQL server can be started.
. "$(dirname "$0")/lib.sh"
py() { if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else python3 "$@"; fi; }
MOCK="$(dirname "$SF")/sf_kafka_mock"
if [ ! -x "$MOCK" ]; then
    echo "skipped: built without librdkafka (no $MOCK; install it with scripts/setup.sh)"
    exit 77
fi
pg_reexec 900

"$MOCK" --brokers 3 --topic small --partitions 4 --topic small_kill --partitions 4 \
    --topic duc --partitions 4 --topic duc_kill --partitions 4 --topic bad --partitions 4 \
    --topic warc --partitions 4 --topic small_inc --partitions 4 \
    >"$TMP/boot" 2>"$TMP/mock.err" &
mock=$!
trap 'kill "$mock" 2>/dev/null; wait "$mock" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/boot" ] && break; sleep 0.2; done
BS=$(head -1 "$TMP/boot")
if [ -z "$BS" ]; then
    echo "skipped: the mock Kafka cluster did not start: $(cat "$TMP/mock.err")"
    exit 77
fi
ok "mock cluster of 3 brokers at $BS"
# Workers leave the group when idle for 8 s (under load, a fetch can take
# seconds); a killed one is noticed by the
# group after session.timeout.ms (6 s here; the default is 45 s). The runs
# below go on at the same time (their own topics, groups and databases):
# most of their time is waiting for the group to settle.
WOPT=(--kafka-brokers "$BS" --batch 10 --batch-wait 500 --idle-exit 8
      --kafka-config session.timeout.ms=6000 --kafka-config heartbeat.interval.ms=500)

members() {
    "$SF" stories --db "$1" --full --format json | py -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    print(" ".join(sorted(a["id"] for a in s["articles"])))' | sort
}
pgdb() { psql -q -c "CREATE DATABASE $1" && echo "postgresql:///$1"; }

# run_workers NAME TOPIC DB KILL: three workers of group NAME read TOPIC into
# DB; with KILL=1 the second is killed with kill -9 after its first batch is
# stored, then started again.
run_workers() {
    local name=$1 topic=$2 db=$3 kill=$4 pids=() i t0=$SECONDS
    for i in 1 2 3; do
        # shellcheck disable=SC2086
        "$SF" worker --db "$db" --topic "$topic" --group "$name" "${WOPT[@]}" ${WEXTRA:-} \
            >"$TMP/$name.w$i.out" 2>"$TMP/$name.w$i.err" &
        pids+=($!)
    done
    if [ "$kill" = 1 ]; then
        for _ in $(seq 600); do grep -q '^storyfold worker: batch 1:' "$TMP/$name.w2.err" && break; sleep 0.1; done
        kill -9 "${pids[1]}"
        wait "${pids[1]}" 2>/dev/null
        grep -q '^storyfold worker: batch' "$TMP/$name.w2.err" && ok "$name: worker 2 killed with kill -9 after its batch $(grep -c '^storyfold worker: batch' "$TMP/$name.w2.err")" ||
            not_ok "$name: worker 2 never stored a batch before the kill"
        # shellcheck disable=SC2086
        "$SF" worker --db "$db" --topic "$topic" --group "$name" "${WOPT[@]}" ${WEXTRA:-} \
            >"$TMP/$name.w4.out" 2>"$TMP/$name.w4.err" &
        pids[1]=$!
    fi
    local failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
    [ "$failed" = 0 ] && ok "$name: workers exited 0" || { not_ok "$name: $failed workers failed"; cat "$TMP/$name".w*.err | grep -v '^storyfold worker: batch' | head -10; }
    local busy
    busy=$(grep -l '^storyfold worker: batch' "$TMP/$name".w*.err | wc -l)
    echo "# $name: $((SECONDS - t0)) s; $busy worker processes stored batches; $(cat "$TMP/$name".w*.out | tr '\n' ' ')"
}

# check NAME DB REFDB N: N articles, each once and in its first version, and
# the stories of the one-process store REFDB.
check() {
    local name=$1 db=$2 ref=$3 n=$4 counts
    counts=$(psql -At -d "${db#postgresql:///}" -c "SELECT count(*), count(DISTINCT id), max(version) FROM articles")
    [ "$counts" = "$n|$n|1" ] && ok "$name: $n articles, each stored once (count|distinct|max version = $counts)" ||
        not_ok "$name: articles count|distinct|max version = $counts, wanted $n|$n|1"
    members "$db" >"$TMP/$name.m"
    members "$ref" >"$TMP/$name.ref"
    if cmp -s "$TMP/$name.m" "$TMP/$name.ref"; then ok "$name: the $(wc -l <"$TMP/$name.m") stories of one process"; else
        not_ok "$name: other stories than one process"; diff "$TMP/$name.ref" "$TMP/$name.m" | head -6; fi
}

# A case runs in the background; its ok / not ok lines go to its log.
TOP=$TMP
cases=()
case_bg() { # NAME FUNCTION ARGS...
    local name=$1; shift
    # its own $TMP: expect_exit writes $TMP/out and $TMP/err
    ( TMP="$TOP/c.$name"; mkdir -p "$TMP"; passed=0; failed=0; "$@" ) >"$TOP/case.$name" 2>&1 &
    cases+=("$name:$!")
}
case_collect() {
    local c name
    for c in "${cases[@]}"; do
        name=${c%%:*}
        wait "${c#*:}"
        cat "$TOP/case.$name"
        passed=$((passed + $(grep -c '^ok - ' "$TOP/case.$name")))
        failed=$((failed + $(grep -c '^not ok - ' "$TOP/case.$name")))
    done
}
# one_case NAME TOPIC REF N KILL PATH...: produce PATH to TOPIC, three
# workers read it into a new database, compared with the database one_REF.
one_case() {
    local name=$1 topic=$2 ref=$3 n=$4 kill=$5 db; shift 5
    expect_exit 0 "$name: produce to $topic" -- "$SF" produce --kafka-brokers "$BS" --topic "$topic" "$@"
    cp "$TMP/out" "$TMP/$name.produce"
    expect_grep "$TMP/$name.produce" "$n messages sent to .*, $n delivered" "$name: $n messages delivered"
    db=$(pgdb "w_$name")
    run_workers "$name" "$topic" "$db" "$kill"
    wait_for "$TOP/one_$ref.done"
    check "$name" "$db" "postgresql:///one_$ref" "$n"
}
wait_for() { for _ in $(seq 1800); do [ -f "$1" ] && return; sleep 0.2; done; }
# reference NAME PATH...: one process ingests PATH into database one_NAME.
reference() {
    local name=$1; shift
    psql -q -c "CREATE DATABASE one_$name"
    expect_exit 0 "one process ingests the $name articles" -- "$SF" ingest --recluster --db "postgresql:///one_$name" "$@"
    touch "$TOP/one_$name.done"
}

# The self-made stream: the fictional examples six times over, each copy with
# a few words of its own (as test_store_pg.sh).
py - "$SRC/examples/fictional.jsonl" "$TMP/small.jsonl" <<'PY'
import json, random, sys
rnd = random.Random(18)
src = [json.loads(l) for l in open(sys.argv[1])]
with open(sys.argv[2], "w") as out:
    for k in range(6):
        for d in src:
            e = dict(d); e["id"] = "%s-%d" % (d["id"], k)
            e["text"] = d["text"] + "\n\n" + " ".join(rnd.sample(d["text"].split(), 30)) + "."
            out.write(json.dumps(e) + "\n")
PY
case_bg ref_small reference small "$TMP/small.jsonl"
case_bg small one_case small small small 42 0 "$TMP/small.jsonl"
case_bg small_kill one_case small_kill small_kill small 42 1 "$TMP/small.jsonl"
# --incremental: the store's kept stream clusterer (rebuilt after another
# worker's batch), with a kill; on this stream of four clear stories it makes
# the stories of one process too
inc_case() { WEXTRA=--incremental one_case "$@"; }
case_bg small_inc inc_case small_inc small_inc small 42 1 "$TMP/small.jsonl"

# DUC 2006: the first topics (SF_WORKERS_DUC_TOPICS, default 20 = 500 articles;
# 50 = all 1,250 passed in 2.5 min, 6.5 min under ASan, docs/workers.md).
duc="$SHARED/data/duc2006/docs"
if [ -d "$duc/D0601A" ]; then
    # shellcheck disable=SC2046
    set -- $(ls "$duc" | grep '^D06' | head -"${SF_WORKERS_DUC_TOPICS:-20}" | sed "s|^|$duc/|")
    n=$(find "$@" -type f | wc -l)
    case_bg ref_duc reference duc "$@"
    case_bg duc one_case duc duc duc "$n" 0 "$@"
    case_bg duc_kill one_case duc_kill duc_kill duc "$n" 1 "$@"
else
    echo "# DUC 2006 not found under $SHARED (set SF_SHARED_DIR): its runs are not done"
fi

# Bad messages, each sent as it is (--lines): two good articles, a line that
# is not JSON, an article without text, and a 20 MB article (over the
# worker's 10 MiB limit). lz4: the mock broker keeps at most 5 MB of log per
# partition (a real broker keeps what its message.max.bytes allows), and
# the compressed message set fits in that.
py - "$TMP/bad.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "good-1", "title": "Dam opens", "text": "The new dam on the Tamsin opened on Monday, officials said. It holds two million cubic metres of water."}) + "\n")
    f.write("this is not json at all\n")
    f.write(json.dumps({"id": "no-text", "title": "A headline and nothing else"}) + "\n")
    f.write(json.dumps({"id": "huge", "title": "Huge", "text": "word " * (4 * 1024 * 1024)}) + "\n")
    f.write(json.dumps({"id": "good-2", "title": "Bridge closes", "text": "The stone bridge to Kellby closed on Tuesday for repairs, the county said."}) + "\n")
PY
huge=$(sed -n 4p "$TMP/bad.jsonl" | tr -d '\n' | wc -c)
expect_exit 0 "produce five messages, three bad" -- "$SF" produce --kafka-brokers "$BS" --topic bad \
    --kafka-config compression.codec=lz4 --lines "$TMP/bad.jsonl"
db=$(pgdb w_bad)
# 20 s idle: the 20 MB message is decompressed and read before the rest of
# its broker's fetch (slow under the sanitizers on a loaded machine)
expect_exit 0 "a worker reads them" -- "$SF" worker --db "$db" --topic bad --group bad "${WOPT[@]}" --idle-exit 20
cp "$TMP/err" "$TMP/bad.err"
grep -o 'bad message: topic bad partition [0-9]* offset [0-9]*' "$TMP/bad.err" | sed 's/.*partition \([0-9]*\) offset \([0-9]*\)/\1|\2/' | sort >"$TMP/bad.reported"
[ "$(wc -l <"$TMP/bad.reported")" = 3 ] && ok "three bad messages reported with partition and offset" ||
    { not_ok "$(wc -l <"$TMP/bad.reported") bad messages reported, wanted 3"; cat "$TMP/bad.err"; }
expect_grep "$TMP/bad.err" 'offset [0-9]+: record 1: invalid JSON' "not JSON: says so"
expect_grep "$TMP/bad.err" "offset [0-9]+: record 1: field 'text' is missing" "no text: says so"
expect_grep "$TMP/bad.err" "offset [0-9]+: message of $huge bytes is over the limit of 10485760 bytes" "20 MB: says so"
psql -At -d w_bad -c "SELECT part || '|' || offs FROM dead_letters ORDER BY 1" >"$TMP/bad.table"
cmp -s "$TMP/bad.reported" "$TMP/bad.table" && ok "the three are put aside in dead_letters under the partition and offset reported" ||
    { not_ok "dead_letters differ from the report"; cat "$TMP/bad.table"; }
rows=$(psql -At -d w_bad -c "SELECT bytes || '|' || kept FROM dead_letters WHERE reason LIKE '%over the limit%'")
[ "$rows" = "$huge|1048576" ] && ok "the 20 MB message: its size and its first MiB kept" || not_ok "20 MB row: $rows"
kept=$(psql -At -d w_bad -c "SELECT data_hex FROM dead_letters WHERE reason LIKE '%invalid JSON%'" | py -c 'import sys; print(bytes.fromhex(sys.stdin.read().strip()).decode())')
[ "$kept" = "this is not json at all" ] && ok "the message's bytes are kept" || not_ok "kept bytes: '$kept'"
ids=$(psql -At -d w_bad -c "SELECT string_agg(id, ' ' ORDER BY id) FROM articles")
[ "$ids" = "good-1 good-2" ] && ok "the two good articles are stored" || not_ok "stored: '$ids'"
expect_exit 0 "another worker of the group" -- "$SF" worker --db "$db" --topic bad --group bad "${WOPT[@]}"
expect_grep "$TMP/out" '^worker: 0 messages' "reads nothing again: offsets were committed past the bad messages"
# WARC records as messages, one per file (`produce --files`): a plain record,
# a gzip'd one, and a gzip'd one cut in the middle (broken). The two pages
# are stored; the broken one is reported with its partition and offset and
# put aside.
py - "$TMP" <<'PY'
import gzip, sys
d = sys.argv[1]
def record(n, url, title, paras):
    html = "<html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>" % (
        title, title, "".join("<p>%s</p>" % p for p in paras))
    body = html.encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000%d>\r\n"
            "WARC-Date: 2021-03-04T05:06:07Z\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n") % (n, url, len(http))
    return head.encode() + http + b"\r\n\r\n"
a = record(1, "https://example.org/news/dam", "Tamsin dam opens to the public",
           ["The new dam on the river Tamsin opened to the public on Monday, the regional water board said.",
            "It holds two million cubic metres of water and will supply the towns of Kellby and Arnmouth.",
            "Engineers spent four years building the dam, which cost 80 million euros."])
b = record(2, "https://example.org/news/bridge", "Kellby bridge closes for repairs",
           ["The old stone bridge to Kellby closed on Tuesday for repairs that will last six weeks, the county said.",
            "Drivers are asked to use the road over the new dam instead, which adds ten minutes to the journey.",
            "The bridge was built in 1823 and last repaired in 1990."])
c = record(3, "https://example.org/news/cut", "A page cut in half",
           ["This record's gzip member ends in the middle, as a crawler's lost write leaves it."] * 20)
open(d + "/w1.warc", "wb").write(a)
open(d + "/w2.warc.gz", "wb").write(gzip.compress(b))
z = gzip.compress(c)
open(d + "/w3.warc.gz", "wb").write(z[: len(z) // 2])
PY
expect_exit 0 "produce three WARC records, one per message" -- "$SF" produce --kafka-brokers "$BS" --topic warc \
    --files "$TMP/w1.warc" "$TMP/w2.warc.gz" "$TMP/w3.warc.gz"
expect_grep "$TMP/out" '3 messages sent to warc, 3 delivered' "three WARC messages delivered"
db=$(pgdb w_warc)
expect_exit 0 "a worker reads the WARC messages" -- "$SF" worker --db "$db" --topic warc --group warc "${WOPT[@]}" --idle-exit 20
cp "$TMP/err" "$TMP/warc.err"
urls=$(psql -At -d w_warc -c "SELECT string_agg(url, ' ' ORDER BY url) FROM articles")
[ "$urls" = "https://example.org/news/bridge https://example.org/news/dam" ] &&
    ok "the plain and the gzip'd WARC record are stored as articles" ||
    { not_ok "stored from WARC: '$urls'"; cat "$TMP/warc.err"; }
grep -o 'bad message: topic warc partition [0-9]* offset [0-9]*' "$TMP/warc.err" | sed 's/.*partition \([0-9]*\) offset \([0-9]*\)/\1|\2/' >"$TMP/warc.reported"
[ "$(wc -l <"$TMP/warc.reported")" = 1 ] && ok "the broken WARC message reported with partition and offset" ||
    { not_ok "$(wc -l <"$TMP/warc.reported") WARC messages reported, wanted 1"; cat "$TMP/warc.err"; }
psql -At -d w_warc -c "SELECT part || '|' || offs FROM dead_letters" >"$TMP/warc.table"
cmp -s "$TMP/warc.reported" "$TMP/warc.table" && ok "the broken WARC message put aside under that partition and offset" ||
    { not_ok "dead_letters differ from the report"; cat "$TMP/warc.table"; }
case_collect
finish
