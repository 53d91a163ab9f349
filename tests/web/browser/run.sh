#!/bin/sh
# run.sh SCRIPT DEMO_SERVER [ARGS...] - one of the browser tests (browser.test.mjs,
# a11y.test.mjs) as a meson test: node SCRIPT DEMO_SERVER ARGS...
# Exit 77 (skipped) only when node or chromium is not installed; installs the packages of
# package-lock.json (playwright-core, axe-core) with npm ci when one is missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
script=$1
shift
if ! command -v node >/dev/null 2>&1; then
    echo "node is not installed: skipping the browser tests"
    exit 77
fi
if [ ! -x "$chromium_bin" ]; then
    echo "chromium is not installed ($chromium_bin): skipping the browser tests"
    exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/$script" "$@"
