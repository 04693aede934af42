#!/usr/bin/env bash
# The hand-made fact-annotation set (tests/data/facts_annotated.tsv, rules in
# docs/fact-annotation.md) passes its checker, and the checker rejects broken
# copies: a wrong status, an unknown attribute, a long evidence snippet, an
# 'update' whose count goes down. With ../shared present, every evidence
# snippet is found in its DUC article. The program itself is not run.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
check="$SRC/bench/facts_annotation_check.py"
tsv="$SRC/tests/data/facts_annotated.tsv"

expect_exit 0 "the committed set is valid" -- python3 "$check" "$tsv"
expect_grep "$TMP/out" '^facts: ([3-9][0-9]{2}|[0-9]{4,}) ' "at least 300 facts"
for s in agree single conflict update; do
    expect_grep "$TMP/out" "^  $s +[0-9]+" "groups with status $s are present"
done

# Broken copies must be refused, each with the reason.
hdr() { head -1 "$tsv"; }
# An 'agree' group whose values exclude each other (the Turkey death toll).
{ hdr; awk -F'\t' '$13=="D0743J.izmit.deaths"' "$tsv" | sed 's/\tupdate$/\tagree/'; } >"$TMP/bad1.tsv"
expect_exit 1 "agree with excluding values is refused" -- python3 "$check" --quiet "$TMP/bad1.tsv"
expect_grep "$TMP/out" 'status agree but' "the reason names the excluding pair"
# An 'update' group listed in the wrong order: 5,179 dead before 3,261.
{ hdr; awk -F'\t' '$13=="D0743J.izmit.deaths"' "$tsv" | sed 's/XIE19990820.0250/XIE19990830.0250/'; } >"$TMP/bad2.tsv"
expect_exit 1 "an update that goes down is refused" -- python3 "$check" --quiet "$TMP/bad2.tsv"
expect_grep "$TMP/out" 'count goes down' "the reason says the count goes down"
# An attribute outside the vocabulary, not written as other:words.
{ hdr; sed -n 2p "$tsv" | awk -F'\t' 'BEGIN{OFS="\t"}{$6="(unspecified)"; print}'; } >"$TMP/bad3.tsv"
expect_exit 1 "an unknown attribute is refused" -- python3 "$check" --quiet "$TMP/bad3.tsv"
# An evidence snippet longer than 12 words.
{ hdr; sed -n 2p "$tsv" | awk -F'\t' 'BEGIN{OFS="\t"}{$4=$4 " one two three four five six seven eight nine ten"; print}'; } >"$TMP/bad4.tsv"
expect_exit 1 "a long evidence snippet is refused" -- python3 "$check" --quiet "$TMP/bad4.tsv"
# 'single' given to a group with two sources.
{ hdr; awk -F'\t' '$13=="D0743J.quake.duration"' "$tsv" | sed 's/\tagree$/\tsingle/'; } >"$TMP/bad5.tsv"
expect_exit 1 "single with two sources is refused" -- python3 "$check" --quiet "$TMP/bad5.tsv"

if [ -d "$SHARED/data/duc2007/docs/update" ] && [ -d "$SHARED/data/duc2006/docs" ]; then
    expect_exit 0 "every evidence snippet is in its article" -- python3 "$check" --quiet --docs "$SHARED/data" "$tsv"
    { hdr; sed -n 2p "$tsv" | awk -F'\t' 'BEGIN{OFS="\t"}{$4="words that are not in the article " $3; print}'; } >"$TMP/bad6.tsv"
    expect_exit 1 "a snippet not in its article is refused" -- python3 "$check" --quiet --docs "$SHARED/data" "$TMP/bad6.tsv"
else
    echo "# ../shared/data absent: evidence snippets not checked against the articles"
fi
finish
