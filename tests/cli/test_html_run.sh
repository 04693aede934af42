#!/usr/bin/env bash
# test_html_run.sh - `storyfold run` over web pages and a crawl file end to
# end: three trafilatura-eval pages (one of them twice, as .html and .htm)
# and a generated .warc.gz with broken records. The copy must be found as a
# duplicate, every good WARC response must reach the stories with its URL
# and metadata from the page, and the broken records must be reported (exit
# 1) without stopping the run. Skips without ../shared/data.
set -u
bin="$1"
src="${SF_SOURCE_DIR:-$(dirname "$0")/../..}"
pages="${SF_SHARED_DIR:-$src/../shared}/data/trafilatura-eval/html"
[ -d "$pages" ] || { echo "skip: $pages is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in taz.de.siemens.html edition.cnn.com-royal.html lastampa.it.temperature.html; do
    [ -f "$pages/$f" ] || { echo "skip: $f is absent"; exit 77; }
    cp "$pages/$f" "$tmp/"
done
cp "$tmp/taz.de.siemens.html" "$tmp/taz-copy.htm"
python3 "$src/bench/gen_warc.py" --pages "$pages" --limit 30 "$tmp/c.warc.gz" >/dev/null || exit 1
"$bin" run --format json "$tmp"/*.html "$tmp/taz-copy.htm" "$tmp/c.warc.gz" >"$tmp/out.json" \
    2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 1 ] || { echo "exit $rc, want 1 (broken records reported)"; cat "$tmp/err.txt"; exit 1; }
python3 - "$tmp" <<'PY' || exit 1
import json, re, sys
d = sys.argv[1]
exp = json.load(open(d + "/c.warc.gz.expect.json"))
out = json.load(open(d + "/out.json"))
err = open(d + "/err.txt").read()
arts = {a["id"]: (s["id"], a) for s in out["stories"] for a in s["articles"]}
ok = True
def fail(msg):
    global ok
    print(msg); ok = False
m = re.search(r"WARC: \d+ records: (\d+) articles;.* (\d+) pages without text; (\d+) broken", err)
if not m:
    fail("no WARC summary:\n" + err)
else:
    nart, empty, broken = map(int, m.groups())
    if broken != exp["broken"]: fail("broken %d, want %d" % (broken, exp["broken"]))
    warc = [a for _, a in arts.values() if a.get("url", "").startswith("https://example.org/0/")]
    if len(warc) != nart: fail("%d WARC articles in the stories, %d read" % (len(warc), nart))
    if nart + empty != exp["responses"]:
        fail("%d WARC articles + %d empty for %d good responses" % (nart, empty, exp["responses"]))
for off in exp["broken_offsets"]:
    if "offset %d" % off not in err: fail("no report at offset %d" % off)
# the pages: ids from file names, metadata from the page itself
for pid in ("taz.de.siemens", "taz-copy", "edition.cnn.com-royal", "lastampa.it.temperature"):
    if pid not in arts: fail("page %s missing from the stories" % pid)
if ok:
    s1, a1 = arts["taz.de.siemens"]
    s2, a2 = arts["taz-copy"]
    if s1 != s2: fail("the copy of the taz page is in another story")
    if not (a1.get("duplicate_of") or a2.get("duplicate_of")): fail("the copy is not marked")
    cnn = arts["edition.cnn.com-royal"][1]
    if "cnn.com/2021/03/08" not in cnn.get("url", ""): fail("cnn url: %r" % cnn.get("url"))
    if not cnn.get("published", "").startswith("2021-03-08"):
        fail("cnn published: %r" % cnn.get("published"))
sys.exit(0 if ok else 1)
PY
echo "ok: storyfold run over HTML pages and a WARC crawl"
