#!/usr/bin/env bash
# Every command has --help; usage errors exit 2; --version works.
. "$(dirname "$0")/lib.sh"
expect_exit 0 "--version" -- "$SF" --version
expect_grep "$TMP/out" '^storyfold [0-9]+\.[0-9]+' "--version prints the version"
expect_exit 0 "--help" -- "$SF" --help
expect_grep "$TMP/out" 'Commands:' "--help lists the commands"
for cmd in $(awk '/^Commands:/{on=1;next} on && /^  [a-z]/{print $1} /^$/{if(on)exit}' "$TMP/out"); do
    expect_exit 0 "$cmd --help" -- "$SF" "$cmd" --help
    expect_grep "$TMP/out" "usage: storyfold $cmd" "$cmd --help shows its usage"
done
expect_exit 2 "no command" -- "$SF"
expect_exit 2 "unknown command" -- "$SF" frobnicate
expect_grep "$TMP/err" "unknown command 'frobnicate'" "unknown command is named"
expect_exit 2 "run without paths" -- "$SF" run
expect_exit 2 "run with an unknown option" -- "$SF" run --bogus x
expect_grep "$TMP/err" "--bogus" "the unknown option is named"
expect_exit 2 "bad --input-format" -- "$SF" run --input-format yaml x
expect_exit 2 "bad --words" -- "$SF" run --words -3 x
finish
