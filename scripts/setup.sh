#!/usr/bin/env bash
# Installs the Debian 12 packages storyfold needs to build and test, only the missing ones.
# Run as root (or with sudo available). Safe to run again.
# --analysis also installs what bench/cluster_ceiling.py needs (not needed to
# build or test).
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libicu-dev libstemmer-dev libjson-c-dev libxxhash-dev zlib1g-dev libcmocka-dev libxml2-dev libglpk-dev
  python3 wordnet-base wamerican man-db iso-codes
  libsqlite3-dev libpq-dev postgresql postgresql-common
  libmicrohttpd-dev curl wrk chromium nodejs sqlite3
  librdkafka-dev
)
if [ "${1:-}" = "--analysis" ]; then pkgs+=(python3-numpy python3-scipy python3-sklearn); fi
missing=()
for p in "${pkgs[@]}"; do
  grep -q "install ok installed" <<<"$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#pkgs[@]} packages present"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's own nodejs comes without npm (a separate package); some nodejs
# builds include it.
if ! command -v npm >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
fi
# The browser test's one npm package (playwright-core, which drives the
# system chromium; it downloads no browser), at the version package-lock.json
# pins.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$here/tests/web/node_modules/playwright-core" ] ||
   [ "$here/tests/web/package-lock.json" -nt "$here/tests/web/node_modules" ]; then
  echo "setup: npm ci in tests/web"
  (cd "$here/tests/web" && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "setup: npm ci failed; the browser test will be skipped"
fi
