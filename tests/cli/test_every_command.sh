#!/usr/bin/env bash
# The conventions of issue 19 for every command, one table: each row is a
# command with its options written --name=value. For each row:
#   --name=value and --name value give the same output (exit 0, not empty);
#   '--' before the arguments (or at the end) changes nothing;
#   -o FILE writes the same output to FILE and nothing to standard output;
#   -q and -v are accepted (same output);
#   standard output on a full disk (/dev/full) is exit 1 with a message;
#   'storyfold help CMD' is 'CMD --help' and names the common options.
# The commands that need a live server or Kafka (serve, worker, produce) are
# checked on their parse: an --name=value error names the option, '--'
# ends options, help works. Then progress: --progress shows a line per stage
# (files read, copies, stories, summaries) on standard error, -q none, and
# without --progress into a file none.
source "$(dirname "$0")/lib.sh"
SF=$(cd "$(dirname "$SF")" && pwd)/$(basename "$SF")
EX="$SRC/examples"
A="$EX/000_22cf4d11e3497b41.txt"

# data for the commands that do not read articles
printf 'Maria X O B-PER\nLopez X O I-PER\nflew X O O\nfrom X O O\nMadrid X O B-LOC\n. X O O\n' >"$TMP/g.conll"
printf 'the cat sat on the mat\n' >"$TMP/peer.txt"
printf 'a cat sat on a mat\n' >"$TMP/model.txt"
printf '{"id":"a","story":1}\n{"id":"b","story":1}\n{"id":"c","story":2}\n' >"$TMP/gold.jsonl"
mkdir -p "$TMP/p/dev/text" "$TMP/p/dev/attributions"
printf 'Title\n\n"We will win," Ann Vale said.\n' >"$TMP/p/dev/text/a.txt"
printf 'T1\tSource 22 30\tAnn Vale\nT2\tContent 7 21\t"We will win,"\nE1\tAttribution:T3 Content:T2 Source:T1\n' >"$TMP/p/dev/attributions/a_x1.ann"
"$SF" ingest -q --db "$TMP/s.db" "$EX" >/dev/null 2>&1 || not_ok "set-up: ingest into $TMP/s.db"

# COMMAND|OPTIONS (--name=value)|ARGUMENTS (after '--' in the '--' check)
# "ingest" writes a new store each time (FRESH is removed before every run).
FRESH="$TMP/fresh.db"
ROWS=(
    "run|--format=json --words=40|$EX"
    "summarize|--words=30 --format=json|$EX"
    "sentences|--lang=en --input-format=text|$A"
    "dedup|--threshold=0.7 --format=jsonl|$EX"
    "cluster|--lang=en --format=jsonl|$EX"
    "entities|--format=jsonl --input-format=text|$A"
    "extract|--format=json|$EX"
    "ingest|--db=$FRESH --words=40|$EX"
    "stories|--db=$TMP/s.db --format=json --limit=5|"
    "show|--db=$TMP/s.db --format=json|s1"
    "search|--db=$TMP/s.db --limit=3 --format=json|Raqqa"
    "ner|--conll=$TMP/g.conll|"
    "eval rouge|--peer=$TMP/peer.txt --model=$TMP/model.txt --format=json --no-wordnet|"
    "eval clusters|--gold=$TMP/gold.jsonl --pred=$TMP/gold.jsonl --json|"
    "eval entities|--gold=$TMP/g.conll --pred=$TMP/g.conll|"
    "eval quotes|--polnear=$TMP/p --split=dev --json|"
)

# run ROW_CMD OUT ERR ARGS...: the command with a fresh store for ingest
sfrun() {
    local out=$1 err=$2
    shift 2
    rm -f "$FRESH" "$FRESH"-*
    "$SF" "$@" >"$out" 2>"$err"
}

for row in "${ROWS[@]}"; do
    IFS='|' read -r cmd opts args <<<"$row"
    read -ra C <<<"$cmd"
    read -ra O <<<"$opts"
    read -ra P <<<"$args"
    spaced=()
    for o in "${O[@]}"; do spaced+=("${o%%=*}" "${o#*=}"); done
    name="$cmd"

    sfrun "$TMP/ref" "$TMP/err" "${C[@]}" "${O[@]}" "${P[@]}"; r=$?
    if [ $r = 0 ] && [ -s "$TMP/ref" ]; then ok "$name --name=value (exit 0)"; else
        not_ok "$name --name=value: exit $r, $(wc -c <"$TMP/ref") bytes: $(head -3 "$TMP/err")"; continue; fi

    sfrun "$TMP/b" "$TMP/err" "${C[@]}" "${spaced[@]}" "${P[@]}"; r=$?
    [ $r = 0 ] && cmp -s "$TMP/ref" "$TMP/b" && ok "$name --name value is the same" || not_ok "$name --name value: exit $r $(head -2 "$TMP/err")"

    sfrun "$TMP/b" "$TMP/err" "${C[@]}" "${O[@]}" -- "${P[@]}"; r=$?
    [ $r = 0 ] && cmp -s "$TMP/ref" "$TMP/b" && ok "$name with '--' before its arguments" || not_ok "$name --: exit $r $(head -2 "$TMP/err")"

    rm -f "$TMP/o.txt"
    sfrun "$TMP/b" "$TMP/err" "${C[@]}" -o "$TMP/o.txt" "${O[@]}" "${P[@]}"; r=$?
    [ $r = 0 ] && [ ! -s "$TMP/b" ] && cmp -s "$TMP/ref" "$TMP/o.txt" && ok "$name -o FILE" || not_ok "$name -o FILE: exit $r $(head -2 "$TMP/err")"
    rm -f "$TMP/o.txt"
    sfrun "$TMP/b" "$TMP/err" "${C[@]}" "${O[@]}" --output="$TMP/o.txt" "${P[@]}"; r=$?
    [ $r = 0 ] && [ ! -s "$TMP/b" ] && cmp -s "$TMP/ref" "$TMP/o.txt" && ok "$name --output=FILE" || not_ok "$name --output=FILE: exit $r"

    for q in -q --quiet -v --verbose; do
        sfrun "$TMP/b" "$TMP/err" "${C[@]}" "$q" "${O[@]}" "${P[@]}"; r=$?
        [ $r = 0 ] && cmp -s "$TMP/ref" "$TMP/b" || { not_ok "$name $q: exit $r $(head -2 "$TMP/err")"; continue 2; }
    done
    sfrun "$TMP/b" "$TMP/err" "${C[@]}" -q "${O[@]}" "${P[@]}"
    [ ! -s "$TMP/err" ] && ok "$name takes -q, --quiet, -v, --verbose; -q is silent" || not_ok "$name -q wrote: $(head -2 "$TMP/err")"

    if [ -w /dev/full ]; then
        rm -f "$FRESH"
        "$SF" "${C[@]}" "${O[@]}" "${P[@]}" >/dev/full 2>"$TMP/err"; r=$?
        [ $r = 1 ] && grep -qi "no space\|cannot write\|writing\|failed" "$TMP/err" && ok "$name > /dev/full: exit 1 with a message" || not_ok "$name > /dev/full: exit $r: $(head -2 "$TMP/err")"
    fi

    "$SF" help "${C[@]}" >"$TMP/h1" 2>&1; r1=$?
    "$SF" "${C[@]}" --help >"$TMP/h2" 2>&1; r2=$?
    [ $r1 = 0 ] && [ $r2 = 0 ] && cmp -s "$TMP/h1" "$TMP/h2" && grep -q "^usage: storyfold $cmd" "$TMP/h1" &&
        grep -q -- "-o, --output FILE" "$TMP/h1" && grep -q -- "--progress" "$TMP/h1" &&
        grep -q -- "-q, --quiet" "$TMP/h1" && ok "help $name is $name --help, with the common options" || not_ok "help $name: exit $r1/$r2 $(head -2 "$TMP/h1")"

    "$SF" "${C[@]}" --no-such-option "${O[@]}" "${P[@]}" >/dev/null 2>"$TMP/err"; r=$?
    [ $r = 2 ] && grep -q -- "--no-such-option" "$TMP/err" && ok "$name: an unknown option is a usage error" || not_ok "$name --no-such-option: exit $r $(head -2 "$TMP/err")"
done

# serve, worker, produce need a server or Kafka to run: their parse.
for c in serve worker produce; do
    "$SF" help $c >"$TMP/h1" 2>&1; r1=$?
    "$SF" $c --help >"$TMP/h2" 2>&1; r2=$?
    [ $r1 = 0 ] && [ $r2 = 0 ] && cmp -s "$TMP/h1" "$TMP/h2" && grep -q -- "-o, --output FILE" "$TMP/h1" && ok "help $c" || not_ok "help $c: exit $r1/$r2"
done
expect_exit 2 "serve --timeout=0 is read as --timeout 0" -- "$SF" serve --db="$TMP/s.db" --timeout=0
expect_grep "$TMP/err" "--timeout needs 1 to 3600 seconds, got '0'" "serve names --timeout and its value"
expect_exit 2 "serve: an argument after -- is not an option" -- "$SF" serve -q -v --db "$TMP/s.db" -- --listen
expect_grep "$TMP/err" "unexpected argument '--listen'" "serve says so"
expect_exit 2 "worker --batch=0 is read as --batch 0" -- "$SF" worker -q --db="$TMP/w.db" --kafka-brokers=127.0.0.1:9 --topic=t --batch=0
expect_grep "$TMP/err" "--batch needs a number of at least 1, got '0'" "worker names --batch and its value"
expect_exit 2 "produce --topic=T without brokers is a usage error" -- "$SF" produce -v --topic=t -- "$A"
expect_grep "$TMP/err" "kafka-brokers" "produce names what is missing"
expect_exit 2 "a flag given a value is a usage error" -- "$SF" eval clusters --json=yes --gold "$TMP/gold.jsonl" --pred "$TMP/gold.jsonl"
expect_grep "$TMP/err" "--json takes no value" "it says the flag takes no value"
expect_exit 2 "a missing value is a usage error" -- "$SF" ner --conll
expect_grep "$TMP/err" "--conll needs a value" "it names the option"
for c in "run --words" "summarize --input-format" "ingest --db" "stories --db" "dedup --threshold" "sentences --lang" "extract --format" "entities --format" "cluster --lang"; do
    "$SF" $c >/dev/null 2>"$TMP/err"; r=$?
    [ $r = 2 ] && grep -q -- "${c#* } needs a value" "$TMP/err" && ok "$c: needs a value (exit 2)" || not_ok "$c: exit $r $(head -1 "$TMP/err")"
done

# Progress: a line per stage with --progress, none with -q, none off a
# terminal without --progress (ctest's standard error is a file).
"$SF" run --progress "$EX" >/dev/null 2>"$TMP/err"
for stage in "files read 3" "copies [0-9]+/[0-9]+ \(100%" "stories [0-9]+/[0-9]+ \(100%" "summaries [0-9]+/[0-9]+ \(100%"; do
    expect_grep "$TMP/err" "^progress: $stage" "run --progress: $stage"
done
"$SF" run -q --progress "$EX" >/dev/null 2>"$TMP/err"
expect_no_grep "$TMP/err" "progress" "run -q --progress: no progress"
"$SF" run "$EX" >/dev/null 2>"$TMP/err"
expect_no_grep "$TMP/err" "progress" "run into a file without --progress: no progress"
"$SF" dedup --progress "$EX" >/dev/null 2>"$TMP/err"
expect_grep "$TMP/err" "^progress: copies [0-9]+/[0-9]+ \(100%" "dedup --progress: copies"
"$SF" cluster --progress "$EX" >/dev/null 2>"$TMP/err"
expect_grep "$TMP/err" "^progress: stories [0-9]+/[0-9]+ \(100%" "cluster --progress: stories"
"$SF" sentences --progress "$A" >/dev/null 2>"$TMP/err"
expect_grep "$TMP/err" "^progress: files read 1" "sentences --progress: files read"
finish
