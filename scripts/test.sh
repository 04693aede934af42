#!/usr/bin/env bash
# Sets up, builds and runs every test: a -Werror build, then the same tests
# under AddressSanitizer + UndefinedBehaviorSanitizer, the thread test under
# ThreadSanitizer, and the end-to-end tests once more (to show flaky ones).
# Tests that need ../shared/data skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
echo "== build (warnings as errors)"
cmake -S . -B build -G Ninja -DSF_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600
echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -G Ninja -DSF_WERROR=ON -DSF_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j "$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 900
echo "== the thread-safety test under ThreadSanitizer"
cmake -S . -B build-tsan -G Ninja -DSF_WERROR=ON -DSF_TSAN=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-tsan -j "$jobs" --target test_threads
SF_SOURCE_DIR="$PWD" TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 build-tsan/test_threads
echo "== the end-to-end tests a second time (a test that fails at random shows up here)"
ctest --test-dir build -R '^cli\.' --output-on-failure -j "$jobs" --timeout 600
