#!/usr/bin/env bash
# cmake --install into a temporary prefix, then what a packager and a user of
# the library see: a C program built with pkg-config alone that reads two
# articles and prints their story, the shared library exporting only the
# public sf_ names, the CMake package, the man pages and the completion.
source "$(dirname "$0")/lib.sh"
BUILD=$(cd "$(dirname "$SF")" && pwd)
if grep -q '^SF_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
    echo "skip: sanitizer build (a client of an ASan-instrumented shared library needs the ASan runtime first; the plain build runs this test)"
    exit 77
fi
command -v pkg-config >/dev/null || { echo "skip: pkg-config not installed"; exit 77; }
PREFIX="$TMP/prefix"

expect_exit 0 "cmake --install into a prefix" -- cmake --install "$BUILD" --prefix "$PREFIX"
pc=$(find "$PREFIX" -name storyfold.pc | head -1)
[ -n "$pc" ] && ok "storyfold.pc installed" || not_ok "storyfold.pc not installed"
export PKG_CONFIG_PATH=$(dirname "$pc")
flags=$(pkg-config --cflags --libs storyfold 2>"$TMP/err")
grep -q -- "-lstoryfold" <<<"$flags" && ok "pkg-config gives -lstoryfold" || not_ok "pkg-config: $flags $(cat "$TMP/err")"
inc=$(pkg-config --variable=includedir storyfold)
[ "$(realpath "$inc")" = "$(realpath "$PREFIX/include")" ] && [ -f "$inc/storyfold.h" ] \
    && ok "pkg-config include path is the prefix's (relocatable .pc)" || not_ok "includedir: $inc"

# The client compiles against the installed header only (no source tree).
# shellcheck disable=SC2086
expect_exit 0 "client builds with pkg-config only" -- \
    cc -Wall -Werror -o "$TMP/client" "$SRC/tests/cli/data/install_client.c" $flags
libdir=$(pkg-config --variable=libdir storyfold)
LD_LIBRARY_PATH="$libdir" "$TMP/client" "$SRC"/examples/0*.txt \
    >"$TMP/client.out" 2>"$TMP/client.err"
[ $? -eq 0 ] && ok "client runs" || { not_ok "client failed"; cat "$TMP/client.err"; }
expect_grep "$TMP/client.out" "^storyfold [0-9]+\.[0-9]+\.[0-9]+ \(built against [0-9.]+\): 1 stories" \
    "client reads two articles into one story"
expect_grep "$TMP/client.out" "Raqqa" "client prints the summary"
expect_grep "$TMP/client.out" "^## .*\(2 articles\)" "the story holds both articles"
expect_grep "$TMP/client.out" "\[[12] sources\]" "summary sentences cite their sources"
expect_grep "$TMP/client.out" "^entity: Raqqa \(place, [0-9]+ mentions" "client prints the story's entities (public getters)"
expect_grep "$TMP/client.out" "^fact: .* \[(agree|conflict|single source|update), [0-9]+ sources\]" "client prints the story's facts with their status"
LD_LIBRARY_PATH="$libdir" ldd "$TMP/client" | grep -q "libstoryfold.so.0 => $libdir" \
    && ok "client links the installed shared library" || not_ok "ldd: $(ldd "$TMP/client" | grep storyfold)"

# Only public names leave the shared library, and each is in the header.
so=$(ls "$libdir"/libstoryfold.so.0 2>/dev/null)
nm -D --defined-only "$so" | awk '{print $3}' | sort >"$TMP/syms"
[ -s "$TMP/syms" ] && ok "shared library exports symbols ($(wc -l <"$TMP/syms"))" || not_ok "no exported symbols"
expect_no_grep "$TMP/syms" "^(sf__|[^s]|s[^f])" "no internal or foreign symbol exported"
missing=0
while read -r s; do grep -q "\b$s(" "$PREFIX/include/storyfold.h" || { echo "  not in header: $s"; missing=1; }; done <"$TMP/syms"
[ $missing -eq 0 ] && ok "every exported symbol is declared in storyfold.h" || not_ok "exported symbols missing from the header"
# Evaluation code (ROUGE, clustering, CoNLL and PolNeAR scoring) lives in
# libstoryfold_eval for `storyfold eval` and the tests, not in the product.
nm --defined-only "$libdir/libstoryfold.a" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u >"$TMP/static_syms"
[ -s "$TMP/static_syms" ] && ok "static library defines symbols ($(wc -l <"$TMP/static_syms"))" || not_ok "no symbols in libstoryfold.a"
for f in "$TMP/syms" "$TMP/static_syms"; do
    expect_no_grep "$f" "^sf_+(rouge|cluster_scores|quote_score|ner_eval|ner_count|labels_|drand48)" \
        "no evaluation code in $(basename "$f" | sed 's/^syms$/libstoryfold.so/; s/^static_syms$/libstoryfold.a/')"
done
[ ! -e "$PREFIX/include/storyfold_eval.h" ] && ok "the evaluation header is not installed" \
    || not_ok "storyfold_eval.h installed"

# The CMake package: find_package(storyfold) in a fresh project.
mkdir -p "$TMP/cm"
cat >"$TMP/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(client C)
find_package(storyfold 0.1 REQUIRED)
add_executable(client client.c)
target_link_libraries(client PRIVATE storyfold::storyfold)
CM
cp "$SRC/tests/cli/data/install_client.c" "$TMP/cm/client.c"
expect_exit 0 "find_package(storyfold) configures and builds" -- \
    bash -c "cmake -S '$TMP/cm' -B '$TMP/cm/b' -DCMAKE_PREFIX_PATH='$PREFIX' >/dev/null && cmake --build '$TMP/cm/b'"

# Man pages render without warnings; completion lists the commands.
for page in storyfold storyfold-run storyfold-dedup; do
    f=$(find "$PREFIX" -name "$page.1" | head -1)
    if [ -n "$f" ] && MANWIDTH=80 man --warnings -l "$f" >"$TMP/man.txt" 2>"$TMP/man.err" && [ ! -s "$TMP/man.err" ] \
        && grep -q "storyfold" "$TMP/man.txt"; then ok "man page $page renders"; else not_ok "man page $page: $(cat "$TMP/man.err" 2>/dev/null)"; fi
done
comp=$(find "$PREFIX" -path '*bash-completion/completions/storyfold')
words=$(PATH="$PREFIX/bin:$PATH" bash -c "source '$comp'; COMP_WORDS=(storyfold ''); COMP_CWORD=1; _storyfold; echo \${COMPREPLY[*]}")
grep -qw dedup <<<"$words" && grep -qw run <<<"$words" && ok "completion offers the commands" || not_ok "completion gave: $words"
words=$(PATH="$PREFIX/bin:$PATH" bash -c "source '$comp'; COMP_WORDS=(storyfold run --fo); COMP_CWORD=2; _storyfold; echo \${COMPREPLY[*]}")
grep -qw -- --format <<<"$words" && ok "completion offers a command's options" || not_ok "completion gave: $words"
[ -f "$PREFIX/share/doc/storyfold/LICENSE" ] && ok "LICENSE installed" || not_ok "LICENSE not installed"
finish
