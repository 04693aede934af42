#!/usr/bin/env bash
# Writes the man page of one storyfold command, storyfold-COMMAND.1, from the
# command's own --help text, so the page and the help never drift apart.
# usage: scripts/help2roff.sh STORYFOLD_BINARY COMMAND OUT_FILE
set -euo pipefail
bin=$1 cmd=$2 out=$3
help=$("$bin" "$cmd" --help)
version=$("$bin" --version | awk '{print $2}')
summary=$("$bin" --help | awk -v c="$cmd" '$1 == c { $1 = ""; sub(/^ +/, ""); print; exit }')
esc() { sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"; }
{
  printf '.TH STORYFOLD-%s 1 "" "storyfold %s" "User Commands"\n' "${cmd^^}" "$version"
  printf '.SH NAME\nstoryfold\\-%s \\- %s\n' "$cmd" "$(esc <<<"${summary:-storyfold $cmd}")"
  printf '.SH DESCRIPTION\n.nf\n'
  esc <<<"$help"
  printf '.fi\n.SH SEE ALSO\n.BR storyfold (1)\n'
} > "$out"
