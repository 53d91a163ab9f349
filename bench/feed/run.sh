#!/usr/bin/env bash
# bench/feed/run.sh - herald's feed parser and Python feedparser over the same bench feeds
# in the same run: bench_feed (herald against libxml2's / jansson's bare parse), then
# bench_feedparser.py over the files bench_feed chose (skipped, and said so, when
# python3-feedparser is not installed).
#   bench/feed/run.sh [BUILD] [ROUNDS]     (HERALD_SHARED or ../shared locates the feeds)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
rounds=${2:-5}
export HERALD_SHARED=${HERALD_SHARED:-$PWD/../shared}
list=$(mktemp)
out=$(mktemp)
trap 'rm -f "$list" "$out"' EXIT
"$build/bench/feed/bench_feed" --list "$list" "$rounds" | tee "$out"
echo
# herald's parse + sanitize MiB/s on the XML feeds (the first such line)
herald=$(awk '/herald parse \+ sanitize/ { print $(NF-3); exit }' "$out")
/usr/bin/python3 bench/feed/bench_feedparser.py "$list" 3 "$herald" || true
