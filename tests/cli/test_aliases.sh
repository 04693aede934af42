#!/usr/bin/env bash
# --aliases FILE: a user's alias group merges two names the rules keep apart
# (the seeds' "Rafiqah Wall" and "Old City Wall"), with the reason recorded;
# a bad line is named as FILE:LINE and the run exits 1; summarize takes it too.
. "$(dirname "$0")/lib.sh"
seeds="$SRC/examples"
a="$seeds/000_22cf4d11e3497b41.txt"
b="$seeds/004_5c81459845075a55.txt"
cat >"$TMP/aliases.txt" <<'AL'
# walls of Raqqa
   
place: Rafiqah Wall = Old City Wall
AL
printf '# one good line, then a line with one name\nRaqqa = Raqa\nRafiqah Wall\n' >"$TMP/bad.txt"
printf 'Rafiqah Wall =  = Old City Wall\n' >"$TMP/empty.txt"

count_walls='import json, sys
d = json.load(open(sys.argv[1]))
ents = [e for s in d["stories"] for e in s["entities"]]
names = [e["name"] for e in ents]
hit = [e for e in ents if e["name"] == "Rafiqah Wall"]
print(names.count("Old City Wall"), len(hit),
      " ".join(a["reason"] for e in hit for a in e["aliases"] if a["name"] == "Old City Wall"))'

expect_exit 0 "run without an alias file" -- "$SF" run --format json "$a" "$b"
set -- $(python3 -c "$count_walls" "$TMP/out")
[ "$1" = 1 ] && [ "$2" = 1 ] && ok "without aliases the two walls are two entities" ||
    not_ok "without aliases: Old City Wall entities $1, Rafiqah Wall entities $2"

expect_exit 0 "run with an alias file" -- "$SF" run --format json --aliases "$TMP/aliases.txt" "$a" "$b"
out=$(python3 -c "$count_walls" "$TMP/out")
case "$out" in
"0 1 alias file: Rafiqah Wall") ok "the alias file merges them, reason recorded" ;;
*) not_ok "with aliases: got '$out'" ;;
esac
grep -q '"type":"place"\|"type": "place"' "$TMP/out" && ok "json output still has types" || not_ok "types"

expect_exit 0 "markdown with an alias file" -- "$SF" run --aliases "$TMP/aliases.txt" "$a" "$b"
expect_grep "$TMP/out" '^\| Rafiqah Wall \| place \| Old City Wall \|' "markdown shows the merged entity"

expect_exit 0 "summarize with an alias file" -- "$SF" summarize --format json --aliases "$TMP/aliases.txt" "$a" "$b"
expect_grep "$TMP/out" 'alias file: Rafiqah Wall' "summarize uses the alias file"

expect_exit 1 "a bad alias file fails the run" -- "$SF" run --aliases "$TMP/bad.txt" "$a" "$b"
expect_grep "$TMP/err" "bad\.txt:3: an alias group needs at least two names" "the bad line is named FILE:LINE"
expect_exit 1 "an empty name fails" -- "$SF" summarize --aliases "$TMP/empty.txt" "$a"
expect_grep "$TMP/err" "empty\.txt:1: empty name" "empty name named FILE:LINE"
expect_exit 1 "a missing alias file fails" -- "$SF" run --aliases "$TMP/none.txt" "$a"
expect_grep "$TMP/err" "none\.txt: cannot open alias file" "missing file named"
expect_exit 2 "--aliases without a value is a usage error" -- "$SF" run "$a" --aliases
expect_exit 0 "--help mentions --aliases" -- "$SF" run --help
expect_grep "$TMP/out" "--aliases FILE" "run --help documents --aliases"
finish
