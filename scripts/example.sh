#!/usr/bin/env bash
# Sets up, builds storyfold, and runs it on the bundled example (examples/),
# printing the stories it finds. Extra arguments go to `storyfold run`
# (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >&2
build/storyfold run "$@" examples/
