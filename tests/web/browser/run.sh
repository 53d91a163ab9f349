#!/bin/sh
# run.sh DEMO_SERVER SCREENSHOT_DIR - the browser tests (browser.test.mjs) as a meson test.
# Exit 77 (skipped) only when node or chromium is not installed; installs playwright-core
# from package-lock.json with npm the first time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "node is not installed: skipping the browser tests"
    exit 77
fi
if [ ! -x "$chromium_bin" ]; then
    echo "chromium is not installed ($chromium_bin): skipping the browser tests"
    exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/browser.test.mjs" "$1" "$2"
