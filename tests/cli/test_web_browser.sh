#!/usr/bin/env bash
# The web page in a real browser (tests/web/browser_test.mjs): headless
# chromium driven by playwright-core against `storyfold serve`. Skipped, with
# the reason, when chromium, node or the npm package is missing.
source "$(dirname "$0")/lib.sh"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "skip: no chromium at $CHROMIUM (scripts/setup.sh installs Debian's chromium)"; exit 77; }
command -v node >/dev/null || { echo "skip: node is not installed (scripts/setup.sh installs nodejs)"; exit 77; }
[ -d "$SRC/tests/web/node_modules/playwright-core" ] ||
    { echo "skip: tests/web/node_modules/playwright-core is missing (scripts/setup.sh runs npm ci there)"; exit 77; }
OUT=$(cd "$(dirname "$SF")" && pwd)/web-screenshots
mkdir -p "$OUT"
if (cd "$SRC/tests/web" && CHROMIUM="$CHROMIUM" timeout 300 node browser_test.mjs "$SF" "$SRC" "$OUT"); then
    ok "browser test (screenshots in $OUT)"
else
    not_ok "browser test"
fi
finish
