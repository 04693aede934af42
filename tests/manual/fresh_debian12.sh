#!/usr/bin/env bash
# A manual check outside ctest (it downloads about a gigabyte and takes tens
# of minutes): what a new user on a fresh Debian 12 does, in a debootstrap'ed
# root. Builds a minimal Debian 12 root (unless ROOT already holds one), copies
# the committed source (git archive HEAD: no ../shared, no build tree), and in
# the root runs the README's set-up (scripts/setup.sh), the README's build and
# `cmake --install` into a prefix, builds tests/cli/data/install_client.c with
# the installed header and `pkg-config --cflags --libs storyfold` alone, runs
# it on two articles (summary, entities, facts of each story) and renders
# `man storyfold`. Needs root, debootstrap and the network.
#   usage: tests/manual/fresh_debian12.sh [ROOT] [MIRROR]
set -euo pipefail
ROOT=${1:-/var/tmp/storyfold-deb12}
MIRROR=${2:-http://deb.debian.org/debian}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "fresh_debian12: needs root (debootstrap, chroot)"; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh_debian12: apt-get install debootstrap first"; exit 2; }

if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
    echo "== debootstrap bookworm into $ROOT ($MIRROR)"
    debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR"
fi
mounted=()
cleanup() { for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" || true; done; }
trap cleanup EXIT
for m in proc sys dev dev/pts; do
    mountpoint -q "$ROOT/$m" || { mount --bind "/$m" "$ROOT/$m"; mounted+=("$ROOT/$m"); }
done
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# services (PostgreSQL) are installed but not started inside the root
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod +x "$ROOT/usr/sbin/policy-rc.d"
rm -rf "$ROOT/src/storyfold" && mkdir -p "$ROOT/src/storyfold"
git -C "$SRC" archive HEAD | tar -x -C "$ROOT/src/storyfold"
echo "== source: $(git -C "$SRC" rev-parse HEAD)"

chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    bash -euo pipefail -c '
cd /src/storyfold
echo "== $(. /etc/os-release; echo "$PRETTY_NAME")"
echo "== README set-up: scripts/setup.sh"
apt-get update -qq
scripts/setup.sh
echo "== README build and install: cmake, cmake --install --prefix /opt/storyfold"
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j2 | tail -1
cmake --install build --prefix /opt/storyfold | tail -3
echo "== a C program built with the installed header and pkg-config only"
mkdir -p /tmp/client && cp tests/cli/data/install_client.c /tmp/client/client.c
cd /tmp/client
export PKG_CONFIG_PATH=$(dirname "$(find /opt/storyfold -name storyfold.pc)")
echo "pkg-config --cflags --libs storyfold: $(pkg-config --cflags --libs storyfold)"
cc -Wall -Werror -o client client.c $(pkg-config --cflags --libs storyfold)
LD_LIBRARY_PATH=$(pkg-config --variable=libdir storyfold) ./client \
    /src/storyfold/examples/000_22cf4d11e3497b41.txt /src/storyfold/examples/004_5c81459845075a55.txt >out.txt
head -12 out.txt; grep "^fact:" out.txt | head -5
grep -q "^## s1 " out.txt && grep -q "^entity: " out.txt && grep -q "^fact: " out.txt
echo "== man storyfold"
MANPATH=/opt/storyfold/share/man MANWIDTH=80 man --warnings storyfold 2>man.err | head -15
[ ! -s man.err ] || { cat man.err; exit 1; }
echo "== fresh Debian 12 check passed"
'
