#!/usr/bin/env bash
# store_replicate.sh - a large SQLite store for latency measurements only:
# K copies of an ingested store (articles, stories, their versions, events,
# entities and names), each copy's ids suffixed "-rK" and its numbers
# shifted, with the full-text indexes built by the store's own triggers and
# statements. The stories are the source store's stories K times over (no
# clustering, no summarizing): it measures what a listing or a search costs
# on a store of that many rows, not what ingest makes of that many articles.
#
# usage: bench/store_replicate.sh STORYFOLD SOURCE.db OUT.db K
#   e.g. bench/store_replicate.sh build/storyfold /tmp/s100k.db /tmp/r1m.db 10
set -euo pipefail
SF=$1 SRC=$2 OUT=$3 K=$4
[ ! -e "$OUT" ] || { echo "$OUT exists" >&2; exit 2; }
"$SF" stories --db "$OUT" >/dev/null # creates an empty store of this build's schema
sa=$(sqlite3 "$SRC" "SELECT COALESCE(MAX(n), 0) FROM articles")
ss=$(sqlite3 "$SRC" "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM stories UNION ALL SELECT MAX(story) FROM story_versions)")
se=$(sqlite3 "$SRC" "SELECT COALESCE(MAX(id), 0) FROM entities")
for k in $(seq 0 $((K - 1))); do
    sqlite3 "$OUT" <<EOF
PRAGMA cache_size = -262144;
ATTACH '$SRC' AS src;
BEGIN;
INSERT INTO articles(n, id, version, hash, title, text, source, url, origin, author, lang,
  published, modified, story, joined, duplicate_of, ingested)
  SELECT n + $k * $sa, id || '-r$k', version, hash, title, text, source, url, origin, author,
  lang, published, modified, story + $k * $ss, joined,
  CASE WHEN duplicate_of IS NULL THEN NULL ELSE duplicate_of || '-r$k' END, ingested
  FROM src.articles ORDER BY n;
INSERT INTO stories SELECT id + $k * $ss, headline, summary, articles, version, created,
  updated, first_published, last_published FROM src.stories ORDER BY id;
INSERT INTO stories_fts(rowid, headline, summary)
  SELECT id + $k * $ss, headline, summary FROM src.stories ORDER BY id;
INSERT INTO story_versions SELECT story + $k * $ss, version, time, articles, json
  FROM src.story_versions;
INSERT INTO story_events SELECT story + $k * $ss, time, kind, article || '-r$k', version
  FROM src.story_events;
INSERT INTO entities SELECT id + $k * $se, story + $k * $ss, name, type, mentions
  FROM src.entities ORDER BY id;
INSERT INTO entity_names SELECT entity + $k * $se, folded, name FROM src.entity_names;
COMMIT;
EOF
    echo "copy $((k + 1)) of $K done"
done
sqlite3 "$OUT" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
echo "$OUT: $(sqlite3 "$OUT" "SELECT COUNT(*) FROM articles") articles, $(stat -c %s "$OUT") bytes"
