#!/usr/bin/env bash
# bench/summaries/run.sh [DATA.jsonl] - ROUGE-1/2/Lsum of herald's 3-sentence summary beside
# Lead-3, on the same articles in the same run (rouge.py computes both).  Default data:
# ../shared/summarization/dev.jsonl.  Build first: scripts/setup build && ninja -C build.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-../shared/summarization/dev.jsonl}
build=${BUILD:-build}
out=${OUT:-$build/bench-summaries}
mkdir -p "$out"
"$build/bench/summaries/bench_summaries" "$data" "$out/predictions.jsonl"
python3 "$(dirname "$data")/rouge.py" "$out/predictions.jsonl" --data "$data"
