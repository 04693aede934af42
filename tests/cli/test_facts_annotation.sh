#!/usr/bin/env bash
# The hand-made fact-annotation set (tests/data/facts_annotated.tsv, rules in
# docs/fact-annotation.md) passes its checker, and the checker rejects broken
# copies, each for its reason: a wrong status, an update whose count goes down,
# an unknown attribute, a long evidence snippet, 'single' with two sources.
# With ../shared present, every evidence snippet is found in its DUC article
# and a snippet that is not is refused. The program itself is not run.
# Python starts twice only (all broken copies in one run): the machine is shared.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
check="$SRC/bench/facts_annotation_check.py"
tsv="$SRC/tests/data/facts_annotated.tsv"
docs=()
if [ -d "$SHARED/data/duc2007/docs/update" ] && [ -d "$SHARED/data/duc2006/docs" ]; then
    docs=(--docs "$SHARED/data")
else
    echo "# ../shared/data absent: evidence snippets not checked against the articles"
fi

expect_exit 0 "the committed set is valid" -- python3 "$check" "${docs[@]}" "$tsv"
expect_grep "$TMP/out" '^facts: ([3-9][0-9]{2}|[0-9]{4,}) ' "at least 300 facts"
expect_grep "$TMP/out" 'facts_annotated.tsv: 0 error' "no error"
for s in agree single conflict update; do
    expect_grep "$TMP/out" "^  $s +[0-9]+" "groups with status $s are present"
done

hdr() { head -1 "$tsv"; }
# bad1: an 'agree' group whose values exclude each other (Izmit's death toll).
{ hdr; awk -F'\t' '$13=="D0743J.izmit.deaths"' "$tsv" | sed 's/\tupdate$/\tagree/'; } >"$TMP/bad1.tsv"
# bad2: an 'update' group in the wrong order: 3,261 dead dated after 5,179.
{ hdr; awk -F'\t' '$13=="D0743J.izmit.deaths"' "$tsv" | sed 's/XIE19990820.0250/XIE19990830.0250/'; } >"$TMP/bad2.tsv"
# bad3: an attribute outside the vocabulary, not written as other:words.
{ hdr; sed -n 2p "$tsv" | awk -F'\t' 'BEGIN{OFS="\t"}{$6="(unspecified)"; print}'; } >"$TMP/bad3.tsv"
# bad4: an evidence snippet longer than 12 words.
{ hdr; sed -n 2p "$tsv" | awk -F'\t' 'BEGIN{OFS="\t"}{$4=$4 " one two three four five six seven eight nine ten"; print}'; } >"$TMP/bad4.tsv"
# bad5: 'single' given to a group with two sources.
{ hdr; awk -F'\t' '$13=="D0743J.quake.duration"' "$tsv" | sed 's/\tagree$/\tsingle/'; } >"$TMP/bad5.tsv"
bad=("$TMP"/bad1.tsv "$TMP"/bad2.tsv "$TMP"/bad3.tsv "$TMP"/bad4.tsv "$TMP"/bad5.tsv)
if [ ${#docs[@]} -gt 0 ]; then
    # bad6: a snippet that is not in its article.
    { hdr; sed -n 2p "$tsv" | awk -F'\t' 'BEGIN{OFS="\t"}{$4="words that are not in the article " $3; print}'; } >"$TMP/bad6.tsv"
    bad+=("$TMP/bad6.tsv")
fi
expect_exit 1 "broken copies are refused" -- python3 "$check" --quiet "${docs[@]}" "${bad[@]}"
for i in "${!bad[@]}"; do
    expect_grep "$TMP/out" "bad$((i + 1))\.tsv: [1-9][0-9]* error" "broken copy bad$((i + 1)) has errors"
done
expect_grep "$TMP/out" 'status agree but .* exclude each other' "bad1: the reason names the excluding pair"
expect_grep "$TMP/out" 'status update but the count goes down' "bad2: the reason says the count goes down"
expect_grep "$TMP/out" "attribute '\(unspecified\)' is neither" "bad3: the reason names the attribute"
expect_grep "$TMP/out" 'evidence longer than 12 words' "bad4: the reason is the snippet's length"
expect_grep "$TMP/out" 'status single but [2-9] source' "bad5: the reason counts the sources"
if [ ${#docs[@]} -gt 0 ]; then
    expect_grep "$TMP/out" "evidence 'words that are not in the article" "bad6: the reason quotes the snippet"
fi
finish
