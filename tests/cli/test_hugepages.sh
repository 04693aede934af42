#!/usr/bin/env bash
# test_hugepages.sh - a command that works on articles starts itself again
# once with glibc's huge-page tunable where the kernel gives huge pages only
# to memory that asks (src/cli/main.c, use_huge_pages): the running process
# has the tunable, keeps the user's own tunables, reads the same standard
# input and prints the same bytes; SF_HUGEPAGES=0 keeps the process as it is.
. "$(dirname "$0")/lib.sh"
mode=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
if ! grep -q '\[madvise\]' <<<"$mode"; then
    echo "skipped: the kernel's transparent huge pages are not in madvise mode ('$mode'): nothing to ask for"
    exit 77
fi
if ldd "$SF" 2>/dev/null | grep -q 'libasan\|libtsan'; then
    echo "skipped: a sanitizer build ($SF) has its own allocator"
    exit 77
fi
art='{"id":"a","title":"Flood in Riverton","text":"The river rose in the town of Riverton on Monday, officials said. Hundreds of homes were flooded."}'

# environment of a `storyfold run -` that waits on its standard input
environ_of_waiting_run() {
    local fifo="$TMP/fifo.$1"
    mkfifo "$fifo"
    env "${@:2}" "$SF" run --quiet - <"$fifo" >"$TMP/out.$1" 2>"$TMP/err.$1" &
    local pid=$!
    exec 7>"$fifo" # the writer end, so that the reader's open returns
    local env=""
    for _ in $(seq 1 50); do # the process exists by now; its exec may follow
        env=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null || true)
        grep -q '^SF_HUGEPAGES_STARTED=' <<<"$env" && break
        sleep 0.1
    done
    printf '%s\n' "$art" >&7
    exec 7>&-
    wait "$pid"
    echo "rc=$?" >>"$TMP/err.$1"
    printf '%s\n' "$env" >"$TMP/env.$1"
}

environ_of_waiting_run plain GLIBC_TUNABLES=glibc.malloc.check=0
# (glibc leaves in the environment only the first tunable of the list: all
# are applied, the user's after the huge pages)
expect_grep "$TMP/env.plain" '^GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1$' "started again with the tunable"
expect_grep "$TMP/env.plain" '^SF_HUGEPAGES_STARTED=1$' "once"
expect_grep "$TMP/err.plain" '^rc=0$' "exit 0"
expect_grep "$TMP/out.plain" 'Riverton' "standard input read after the new start"

environ_of_waiting_run off SF_HUGEPAGES=0
expect_no_grep "$TMP/env.off" 'hugetlb|SF_HUGEPAGES_STARTED' "SF_HUGEPAGES=0: not started again"
expect_grep "$TMP/err.off" '^rc=0$' "exit 0 (SF_HUGEPAGES=0)"
if cmp -s "$TMP/out.plain" "$TMP/out.off"; then ok "the same bytes either way"; else not_ok "outputs differ"; fi

environ_of_waiting_run set GLIBC_TUNABLES=glibc.malloc.hugetlb=0
expect_grep "$TMP/env.set" '^GLIBC_TUNABLES=glibc\.malloc\.hugetlb=0$' "a hugetlb tunable the user set is left as it is"
expect_no_grep "$TMP/env.set" 'SF_HUGEPAGES_STARTED' "and the process is not started again"

finish
