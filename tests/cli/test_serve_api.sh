#!/usr/bin/env bash
# `storyfold serve` driven by a real HTTP client (curl): every endpoint, bad
# requests with their status codes, the ingest token, body and header limits,
# a stalled client, and server-sent events arriving when an ingest changes a
# story.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "skip: curl is not installed (scripts/setup.sh installs it)"; exit 77; }
DB="$TMP/store.db"
"$SF" ingest --quiet --db "$DB" "$SRC/examples" >/dev/null 2>&1 || { not_ok "ingest of examples/"; finish; exit 1; }

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
# start NAME ARGS...: a server on a free port; its port in $PORT
start() {
    local name=$1; shift
    rm -f "$TMP/$name.port"
    "$SF" serve --db "$DB" --listen 127.0.0.1:0 --port-file "$TMP/$name.port" "$@" 2>"$TMP/$name.log" &
    pids+=($!)
    for _ in $(seq 100); do [ -s "$TMP/$name.port" ] && break; sleep 0.1; done
    PORT=$(cat "$TMP/$name.port" 2>/dev/null)
    [ -n "$PORT" ] && ok "$name server started on port $PORT" || { not_ok "$name server did not start"; cat "$TMP/$name.log"; finish; exit 1; }
}
# get URL WANT_STATUS DESCRIPTION [curl args...]: body in $TMP/body
get() {
    local url=$1 want=$2 what=$3; shift 3
    local code
    code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$@" "http://127.0.0.1:$PORT$url")
    if [ "$code" = "$want" ]; then ok "$what ($code)"; else not_ok "$what: status $code, wanted $want"; head -c 300 "$TMP/body"; echo; fi
}
json() { python3 -c "import json,sys; d=json.load(open('$TMP/body')); print($1)"; }

start ro
get /healthz 200 "health check"
[ "$(json 'd["backend"]')" = sqlite ] && ok "health names the backend" || not_ok "healthz: $(cat "$TMP/body")"
get /api/stories 200 "story list"
n=$(json 'len(d["stories"])')
[ "$n" = 5 ] && ok "five stories from examples/" || not_ok "stories: $n"
json 'all(k in d["stories"][0] for k in ("id","headline","articles","outlets","last_published"))' | grep -q True \
    && ok "a listed story has id, headline, articles, outlets, times" || not_ok "list fields: $(head -c 300 "$TMP/body")"
get "/api/stories?q=Raqqa" 200 "stories by words"
grep -q "Raqqa" <<<"$(json '[s["headline"] for s in d["stories"]]')" && ok "the words find the Raqqa story" || not_ok "q=Raqqa: $(cat "$TMP/body")"
get "/api/stories?entity=Daesh" 200 "stories by an alias of an entity"
[ "$(json 'len(d["stories"])')" = 1 ] && grep -q Raqqa "$TMP/body" && ok "the alias Daesh finds the Raqqa story" || not_ok "entity=Daesh: $(cat "$TMP/body")"
get "/api/stories?per_page=2&page=1" 200 "second page of two"
[ "$(json 'len(d["stories"]), d["more"]')" = "2 True" ] && ok "pages of two, with more after" || not_ok "paging: $(cat "$TMP/body")"
get "/api/stories?page=abc" 400 "a page that is not a number"
get "/api/stories?per_page=1000" 400 "a page size over the limit"
get "/api/stories?since=yesterday" 400 "a time that cannot be read"
grep -q '"message"' "$TMP/body" && ok "errors are JSON with a message" || not_ok "error body: $(cat "$TMP/body")"
sid=$(curl -s "http://127.0.0.1:$PORT/api/stories?q=Raqqa" | python3 -c "import json,sys; print(json.load(sys.stdin)['stories'][0]['id'])")
get "/api/stories/$sid" 200 "one story"
json '"summary" in d["story"] and "events" in d["history"] and len(d["story"]["articles"])' | grep -q "^2$" \
    && ok "the story has its summary, two articles and its history" || not_ok "story: $(head -c 300 "$TMP/body")"
aid=$(json 'd["story"]["articles"][0]["id"]')
get /api/stories/s9999 404 "an unknown story"
get /api/stories/nonsense 404 "a story id that is not one"
get "/api/articles/$aid" 200 "one article"
[ "$(json 'd["story"]')" = "$sid" ] && json '"text" in d and len(d["text"]) > 100' | grep -q True \
    && ok "the article has its text and story" || not_ok "article: $(head -c 300 "$TMP/body")"
get /api/articles/no-such-article 404 "an unknown article"
get "/api/search?q=Daesh" 200 "search"
json 'len(d["entities"]) > 0 and len(d["stories"]) + len(d["articles"]) > 0' | grep -q True && ok "search finds the entity and its story" || not_ok "search: $(head -c 300 "$TMP/body")"
get /api/search 400 "search without words"
get /api/nothing 404 "an unknown endpoint"
get /nothing.html 404 "an unknown page"
get / 200 "the page"
grep -q '<script src="/app.js"' "$TMP/body" && ok "the page loads its script from the server" || not_ok "index.html"
get /app.js 200 "the page's script"
hdr=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PORT/")
grep -qi "content-security-policy: default-src 'none'; script-src 'self'" <<<"$hdr" && ok "CSP forbids inline and foreign scripts" || not_ok "headers: $hdr"
get /api/stories 405 "DELETE is not allowed" -X DELETE
get /api/articles 403 "POST is refused on a read-only server" -X POST --data-binary '{}'
args=(); for i in $(seq 80); do args+=(-H "X-Filler-$i: $i"); done
get /api/stories 431 "too many request headers" "${args[@]}"

# A client that sends half a request and stalls is dropped after --timeout.
start slow --timeout 2
t0=$(date +%s)
timeout 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; printf 'GET /api/stories HTTP/1.1\r\nHost: x\r\n' >&3; cat <&3 >/dev/null"
t1=$(date +%s)
[ $((t1 - t0)) -lt 15 ] && ok "a stalled client is disconnected ($((t1 - t0)) s)" || not_ok "stalled client kept $((t1 - t0)) s"

# Ingest over HTTP, and the event stream.
TOKEN=sekrit-token-123
start rw --allow-ingest --token "$TOKEN" --max-body 4000
body='{"id":"web-1","title":"Ferry service to Kellby resumes","text":"The ferry service between Marlow Bridge and Kellby resumed on Wednesday after repairs to the landing stage, the operator said. Crossings run every hour.","published":"2026-03-25T08:00:00Z","source":"Valley Daily"}'
get /api/articles 401 "POST without the token" -X POST --data-binary "$body"
get /api/articles 401 "POST with a wrong token" -X POST -H "Authorization: Bearer wrong-token" --data-binary "$body"
head -c 6000 /dev/zero | tr '\0' 'x' >"$TMP/big"
get /api/articles 413 "a body over --max-body" -X POST -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/big"
before=$("$SF" stories --db "$DB" --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)['stories']))")
printf '%s\n{"id": "broken",\n' "$body" >"$TMP/bad.jsonl"
get /api/articles 400 "bad JSON Lines" -X POST -H "Authorization: Bearer $TOKEN" --data-binary @"$TMP/bad.jsonl"
grep -q '"problems":\["record' "$TMP/body" && ok "the bad record is named" || not_ok "bad jsonl body: $(cat "$TMP/body")"
after=$("$SF" stories --db "$DB" --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)['stories']))")
[ "$before" = "$after" ] && ok "a batch with a bad record stores nothing" || not_ok "stories $before -> $after"
curl -s -N --max-time 15 "http://127.0.0.1:$PORT/api/events" >"$TMP/events" &
pids+=($!)
sleep 1.5
get /api/articles 200 "POST of one article with the token" -X POST -H "Authorization: Bearer $TOKEN" --data-binary "$body"
[ "$(json 'd["added"], d["stories_new"]')" = "1 1" ] && ok "one article added, one new story" || not_ok "ingest: $(cat "$TMP/body")"
got=0
for _ in $(seq 50); do grep -q '^event: story' "$TMP/events" && { got=1; break; }; sleep 0.2; done
[ $got = 1 ] && grep -q '"headline":"Ferry service to Kellby resumes"' "$TMP/events" \
    && ok "the event stream announces the new story" || { not_ok "no story event"; cat "$TMP/events"; }
get /api/articles 200 "the same article again" -X POST -H "Authorization: Bearer $TOKEN" --data-binary "$body"
[ "$(json 'd["added"], d["unchanged"]')" = "0 1" ] && ok "re-posting changes nothing" || not_ok "re-post: $(cat "$TMP/body")"
finish
