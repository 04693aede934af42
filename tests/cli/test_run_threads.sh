#!/bin/bash
# test_run_threads.sh - `run` gives the same bytes for any number of threads
# (the stories' summaries and facts are shared out between threads, each
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

expect_exit 2 "--threads 0 is refused" -- "$SF" run --threads 0 "$SRC/examples"
expect_grep "$TMP/err" "threads" "the message names --threads"
finish
