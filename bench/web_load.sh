#!/usr/bin/env bash
# Load test of `storyfold serve` with wrk (Debian's package) against
# 127.0.0.1 only, bounded in time: requests per second and latency
# percentiles for the story list and one story page, the server's resident
# memory before and after, and the errors wrk saw (non-2xx included).
# usage: bench/web_load.sh STORYFOLD DB [SECONDS] [CONNECTIONS]
#   DB: a store made by `storyfold ingest --db DB ...` (e.g. from DUC 2006 and
#   2007: storyfold ingest --db duc.db ../shared/data/duc2006/docs ../shared/data/duc2007/docs)
# The server is pinned to one core (taskset -c 0) and wrk to the other.
set -euo pipefail
bin=$1 db=$2 secs=${3:-10} conns=${4:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/setup.sh)"; exit 1; }
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
taskset -c 0 "$bin" serve --quiet --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/port" --max-connections 256 &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
base="http://127.0.0.1:$port"
story=$(curl -s "$base/api/stories?per_page=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['stories'][0]['id'])")
nstories=$(sqlite3 "$db" 'SELECT COUNT(*) FROM stories' 2>/dev/null || echo "?")
narticles=$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo "?")
rss() { awk '/VmRSS/{print $2 " kB"}' "/proc/$pid/status"; }
echo "store: $db ($narticles articles, $nstories stories); server on one core; wrk: $conns connections, ${secs}s each"
echo "server RSS at start: $(rss)"
printf '%-34s %10s %9s %9s %9s %9s %7s\n' endpoint "req/s" p50 p90 p99 max errors
for url in "/api/stories" "/api/stories?page=5" "/api/stories/$story" "/api/search?q=president" "/"; do
    taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" --latency "$base$url" >"$tmp/w" 2>&1 || true
    rps=$(awk '/Requests\/sec/{print $2}' "$tmp/w")
    p() { awk -v k="$1" '$1==k{print $2}' "$tmp/w"; }
    max=$(awk '/Latency/ && !/Distribution/{print $4; exit}' "$tmp/w")
    errs=$(awk '/Non-2xx|Socket errors/{s=s $0 "; "} END{print (s==""?"0":s)}' "$tmp/w")
    printf '%-34s %10s %9s %9s %9s %9s %7s\n' "$url" "$rps" "$(p 50%)" "$(p 90%)" "$(p 99%)" "$max" "$errs"
done
echo "server RSS at end: $(rss)"
