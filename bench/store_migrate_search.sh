#!/bin/bash
# Search latency of a PostgreSQL store before and after a schema migration,
# in the same run: the store (written by the base build) is copied, the copy
# stays at the old schema for the base build, the original is migrated by
# opening it with the new build (the migration's wall time is printed), and
# bench_store of each build runs on its own store in alternating rounds. Then
# each query's `search --format json` of both builds is compared.
#   bench/store_migrate_search.sh NEW_BUILD_DIR BASE_BUILD_DIR DBNAME [ROUNDS] [QUERY...]
# e.g. (PGHOST/PGPORT set to the server holding the million-article store m1)
#   bench/store_migrate_search.sh build /tmp/base-build m1 3
# The copy (DBNAME_base) is left for inspection; drop it afterwards.
set -e
NEWB=$1 BASEB=$2 DB=$3 ROUNDS=${4:-3}
shift 4 2>/dev/null || shift $#
Q=("$@")
[ ${#Q[@]} -gt 0 ] || Q=(said police "minister said" government president Loquel earthquake)
[ -x "$NEWB/bench_store" ] && [ -x "$BASEB/bench_store" ] && [ -n "$DB" ] || { echo "usage: see the header" >&2; exit 2; }
OLD=${DB}_base
/usr/bin/time -f "copy of $DB: %e s" createdb -T "$DB" "$OLD"
for d in "$DB" "$OLD"; do /usr/bin/time -f "VACUUM ANALYZE $d: %e s" psql -q -c "VACUUM ANALYZE" "$d"; done
size() { psql -At -c "select pg_database_size('$1')" postgres; }
echo "size before: $DB $(size "$DB") B"
/usr/bin/time -f "migration (first open by the new build): %e s wall, %M KB peak" \
    "$NEWB/storyfold" stories --db "postgresql:///$DB" --limit 1 >/dev/null
/usr/bin/time -f "VACUUM ANALYZE after the migration: %e s" psql -q -c "VACUUM ANALYZE" "$DB"
echo "size after: $DB $(size "$DB") B; the copy at the old schema $(size "$OLD") B"
for r in $(seq "$ROUNDS"); do
    echo "== round $r $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    echo "-- base build, old schema ($OLD)"; "$BASEB/bench_store" "postgresql:///$OLD" "${Q[@]}"
    echo "-- new build, migrated ($DB)"; "$NEWB/bench_store" "postgresql:///$DB" "${Q[@]}"
done
for q in "${Q[@]}"; do
    a=$("$BASEB/storyfold" search --db "postgresql:///$OLD" --format json "$q" | md5sum)
    b=$("$NEWB/storyfold" search --db "postgresql:///$DB" --format json "$q" | md5sum)
    [ "$a" = "$b" ] && echo "search '$q': the same results" || echo "search '$q': results DIFFER"
done
