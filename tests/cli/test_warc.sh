#!/usr/bin/env bash
# test_warc.sh - a WARC written by bench/gen_warc.py from trafilatura-eval
# pages (one gzip member per record, some broken on purpose) is read whole:
# every good HTML response becomes an article, every broken record is reported
# with its byte offset (none kept), gzip'd and chunked HTTP payloads are
# decoded. Skips without ../shared/data.
set -u
bin="$1"
src="${SF_SOURCE_DIR:-$(dirname "$0")/../..}"
pages="${SF_SHARED_DIR:-$src/../shared}/data/trafilatura-eval/html"
[ -d "$pages" ] || { echo "skip: $pages is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/bench/gen_warc.py" --pages "$pages" --limit 200 "$tmp/t.warc.gz" >/dev/null || exit 1
"$bin" extract --format json "$tmp/t.warc.gz" >"$tmp/out.jsonl" 2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 1 ] || { echo "exit $rc, want 1 (broken records reported)"; cat "$tmp/err.txt"; exit 1; }
python3 - "$tmp" <<'PY' || exit 1
import json, re, sys
d = sys.argv[1]
exp = json.load(open(d + "/t.warc.gz.expect.json"))
arts = [json.loads(l) for l in open(d + "/out.jsonl")]
err = open(d + "/err.txt").read()
summary = re.search(r"WARC: (\d+) records: (\d+) articles; skipped (\d+) other records, "
                    r"(\d+) non-HTML responses, \d+ non-2xx responses, (\d+) pages without "
                    r"text; (\d+) broken", err)
assert summary, err
recs, nart, other, nonhtml, empty, broken = map(int, summary.groups())
ok = True
def check(what, got, want):
    global ok
    if got != want:
        print("%s: got %d, want %d" % (what, got, want)); ok = False
# Strict: a member cut in half must not yield a record made up from the next
# member's bytes, so the counts match exactly.
check("articles + pages without text", nart + empty, exp["responses"])
check("articles printed", len(arts), nart)
check("other records", other, exp["other_records"])
check("non-HTML responses", nonhtml, exp["non_html"])
check("broken", broken, exp["broken"])
for off in exp["broken_offsets"]:
    if "offset %d" % off not in err:
        print("no report at offset", off); ok = False
urls = {a["url"] for a in arts}
if len(urls) != len(arts):
    print("duplicate articles"); ok = False
# every article is one of the pages written (none invented from broken bytes)
bad = [u for u in urls if not u.startswith("https://example.org/0/")]
if bad:
    print("articles from nowhere:", bad[:3]); ok = False
if exp["encoded"] == 0:
    print("the generated file has no gzip'd/chunked responses"); ok = False
sys.exit(0 if ok else 1)
PY
echo "ok: generated WARC read whole, every broken record reported"
