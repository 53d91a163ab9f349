#!/usr/bin/env bash
# fuzz/extract/build.sh - builds the extractor's libFuzzer target (clang, ASan, UBSan)
# through the shared fuzz/build.sh (sources of fuzz/extract/modules: core html extract).
#   fuzz/extract/build.sh                  -> build-fuzz/fuzz_extract
# Run it for a bounded time with the shared runner:
#   fuzz/run.sh extract 300
set -euo pipefail
cd "$(dirname "$0")/../.."
exec fuzz/build.sh extract
