#!/usr/bin/env bash
# Quotes end to end: a quote nobody can be found for has "speaker": null in
# JSON and "(unknown)" in Markdown; `eval quotes` on a hand-made PolNeAR
# layout gives hand-checked counts; on the real dev part (when ../shared is
# present) the figures stay at or above the ones docs/quotes.md reports.
source "$(dirname "$0")/lib.sh"

printf 'Housing\n\nThe council met on Monday to discuss the housing plan.\n\n"Nobody will be forced to move out of their home this year."\n\n"We will build 200 homes by spring," said Ada Penhallow, the council leader.\n' >"$TMP/a.txt"
expect_exit 0 "run --format json" -- "$SF" run --format json "$TMP/a.txt"
expect_grep "$TMP/out" '"speaker": null' "unknown speaker is null in JSON"
expect_grep "$TMP/out" '"speaker": "Ada Penhallow"' "named speaker in JSON"
expect_exit 0 "run (markdown)" -- "$SF" run "$TMP/a.txt"
expect_grep "$TMP/out" '^\| \(unknown\) \| "Nobody will be forced' "unknown speaker in Markdown"

# a two-article PolNeAR layout: one quote right, one with a pronoun source
# (not counted), one missed (no cue, one word)
mkdir -p "$TMP/p/dev/text" "$TMP/p/dev/attributions"
printf 'Title\n\n"We will win," Ann Vale said.\n' >"$TMP/p/dev/text/a.txt"
printf 'T1\tSource 22 30\tAnn Vale\nT2\tContent 7 21\t"We will win,"\nE1\tAttribution:T3 Content:T2 Source:T1\n' >"$TMP/p/dev/attributions/a_x1.ann"
printf 'T1\tSource 0 3\tBob\n' >"$TMP/p/dev/attributions/a_y2.ann"
printf 'Title\n\nHe called it "nonsense" on Friday.\n' >"$TMP/p/dev/text/b.txt"
printf 'T1\tSource 7 9\tHe\nT2\tContent 20 30\t"nonsense"\nE1\tAttribution:T3 Content:T2 Source:T1\n' >"$TMP/p/dev/attributions/b_x1.ann"
expect_exit 0 "eval quotes on a small layout" -- "$SF" eval quotes --polnear "$TMP/p" --json
expect_grep "$TMP/out" '"articles": 2, "gold": 1, "found": 1,' "one gold quote, found"
expect_grep "$TMP/out" '"correct": 1, "speaker_accuracy": 1.0000' "its speaker right"
expect_exit 1 "eval quotes without data" -- "$SF" eval quotes --polnear "$TMP/none"

d="$SHARED/data/polnear"
if [ ! -d "$d/dev/text" ]; then
    echo "skip: PolNeAR not under $SHARED/data (the real-data check)"
    finish || exit 1
    exit 77
fi
# score_dev WHAT DIR FOUND_FLOOR: PolNeAR dev in DIR, found share and
# speaker accuracy (floor 0.95) against their floors
score_dev() {
    expect_exit 0 "eval quotes on $1" -- "$SF" eval quotes --polnear "$2" --json
    read -r found acc < <(sed -E 's/.*"found_share": ([0-9.]+).*"speaker_accuracy": ([0-9.]+).*/\1 \2/' "$TMP/out")
    if awk -v f="$found" -v a="$acc" -v ff="$3" 'BEGIN { exit !(f >= ff && a >= 0.95) }'; then
        ok "$1: found $found, speaker accuracy $acc"
    else
        not_ok "$1: found $found (floor $3), speaker accuracy $acc (floor 0.95)"
    fi
}
score_dev "PolNeAR dev" "$d" 0.90

# the same articles as one-line files (each body's line breaks made spaces,
# so the annotation's offsets hold): a text with no paragraph breaks must
# not pair its quote marks inside out nor reach across the whole text
mkdir -p "$TMP/one/dev/text"
ln -s "$d/dev/attributions" "$TMP/one/dev/attributions"
for f in "$d"/dev/text/*.txt; do
    { head -n 1 "$f"; tail -n +2 "$f" | tr '\r\n' '  '; } >"$TMP/one/dev/text/${f##*/}"
done
score_dev "PolNeAR dev as one-line files" "$TMP/one" 0.89
finish
