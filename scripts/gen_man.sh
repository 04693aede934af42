#!/usr/bin/env bash
# Writes storyfold-COMMAND.1 for every command that `storyfold --help` lists
# into OUT_DIR, plus a copy of the hand-written storyfold.1.
# usage: scripts/gen_man.sh STORYFOLD_BINARY OUT_DIR
set -euo pipefail
bin=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
cp "$here/../docs/man/storyfold.1" "$out/"
cmds=$("$bin" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}')
for c in $cmds; do
  "$here/help2roff.sh" "$bin" "$c" "$out/storyfold-$c.1"
done
