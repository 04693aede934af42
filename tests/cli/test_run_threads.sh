#!/bin/bash
# test_run_threads.sh - `run` gives the same bytes for any number of threads
# (files of a folder are read on threads and replayed in name order; the
# stories' summaries and facts are shared out between threads, each
# story's result lands in its own slot; so are the articles' analysis for
# clustering and for the storylines' content links, and the copies'
# fingerprints, each article's result in its own slot).
set -u
. "$(dirname "$0")/lib.sh"

same_for_threads() { # WHAT ARGS...: json and markdown for 1, 2 and 8 threads
    local what=$1; shift
    for fmt in json md; do
        for t in 1 2 8; do
            "$SF" run --format "$fmt" --threads "$t" "$@" >"$TMP/$fmt.$t" 2>"$TMP/err.$t"
            echo $? >"$TMP/rc.$t"
        done
        if [ "$(cat "$TMP/rc.1")" = 0 ] && [ -s "$TMP/$fmt.1" ]; then ok "$what: $fmt with 1 thread"; else
            not_ok "$what: $fmt with 1 thread (exit $(cat "$TMP/rc.1"))"; head -3 "$TMP/err.1"; fi
        for t in 2 8; do
            if [ "$(cat "$TMP/rc.$t")" = 0 ] && cmp -s "$TMP/$fmt.1" "$TMP/$fmt.$t"; then
                ok "$what: $fmt with $t threads is the same as with 1"
            else
                not_ok "$what: $fmt with $t threads differs (exit $(cat "$TMP/rc.$t"))"
                diff "$TMP/$fmt.1" "$TMP/$fmt.$t" | head -5
            fi
        done
    done
}

same_for_threads "examples" "$SRC/examples"
# several stories, so that threads really share them out
grep -q '"headline":' "$TMP/json.1" && ok "examples make stories" || not_ok "no story in the examples' JSON"

if [ -d "$SHARED/data/duc2006/docs" ]; then
    # five DUC 2006 topics in one run: about a dozen stories of real news
    mkdir -p "$TMP/duc"
    for d in D0601A D0602B D0603C D0604D D0605E; do
        [ -d "$SHARED/data/duc2006/docs/$d" ] && ln -s "$SHARED/data/duc2006/docs/$d" "$TMP/duc/$d"
    done
    same_for_threads "DUC 2006, five topics" "$TMP/duc"
    n=$(grep -o '"headline":' "$TMP/json.1" | wc -l)
    [ "$n" -ge 5 ] && ok "DUC 2006 topics give $n stories" || not_ok "DUC 2006 topics give only $n stories"
    # the storylines compared above are not empty: stories link to others
    n=$(grep -c '"story": "s[0-9]*"' "$TMP/json.1")
    [ "$n" -ge 5 ] && ok "DUC 2006 topics give $n related-story links" ||
        not_ok "DUC 2006 topics give only $n related-story links"
else
    echo "# DUC 2006 part skipped: $SHARED/data/duc2006/docs is absent"
fi

# A folder of mixed and broken inputs, read on threads: the same articles,
# ids, messages (in the same order) and exit status for any number of threads.
m="$TMP/mixed"; mkdir -p "$m/sub" "$m/sub/deeper"
for i in $(seq -w 1 40); do
    printf 'Dam %s opens\n\nThe Marlow dam opened gate %s on Monday after heavy rain, officials said.\n' "$i" "$i" >"$m/a$i.txt"
done
printf '{"id":"j1","title":"Schools shut","text":"Schools in Marlow stayed closed on Tuesday."}\nnot json\n{"id":"j1","title":"Other","text":"Another text under the same id."}\n' >"$m/b.jsonl"
printf '{"id":"j1","title":"Schools shut","text":"Schools in Marlow stayed closed on Tuesday."}\n' >"$m/sub/c.jsonl"
printf '{"id":"g1","text":"A gzip\x27d line about the Marlow flood on Monday."}\n' | gzip >"$m/sub/d.jsonl.gz"
printf '<html><head><title>Bridge shut</title></head><body><article><p>The Tamsin bridge was shut on Monday as the river rose, police said.</p></article></body></html>' >"$m/sub/deeper/e.html"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$m/sub/f.png"
: >"$m/sub/g.txt"
ln -s "$m/missing" "$m/h.txt"
ln -s "$m" "$m/sub/loop"
for t in 1 2 8; do
    "$SF" run --format json --threads "$t" -v "$m" >"$TMP/mixed.$t" 2>"$TMP/mixed.err.$t"
    echo $? >"$TMP/mixed.rc.$t"
done
[ "$(cat "$TMP/mixed.rc.1")" = 1 ] && grep -q 'duplicate id' "$TMP/mixed.err.1" && grep -q '"id": "g1"' "$TMP/mixed.1" &&
    ok "mixed folder, 1 thread: read, problems reported (exit 1)" ||
    not_ok "mixed folder, 1 thread: exit $(cat "$TMP/mixed.rc.1"); $(head -3 "$TMP/mixed.err.1")"
for t in 2 8; do
    if cmp -s "$TMP/mixed.1" "$TMP/mixed.$t" && cmp -s "$TMP/mixed.err.1" "$TMP/mixed.err.$t" &&
        cmp -s "$TMP/mixed.rc.1" "$TMP/mixed.rc.$t"; then
        ok "mixed folder: output, messages and exit status with $t threads are those of 1"
    else
        not_ok "mixed folder with $t threads differs"
        diff "$TMP/mixed.err.1" "$TMP/mixed.err.$t" | head -5
    fi
done

expect_exit 2 "--threads 0 is refused" -- "$SF" run --threads 0 "$SRC/examples"
expect_grep "$TMP/err" "threads" "the message names --threads"
finish
