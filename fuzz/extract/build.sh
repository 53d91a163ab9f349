#!/usr/bin/env bash
# fuzz/extract/build.sh - builds the extractor's libFuzzer target with clang, ASan and UBSan.
#   fuzz/extract/build.sh [OUT_DIR]        (default: build-fuzz)
# Run:  build-fuzz/fuzz_extract -max_total_time=60 build-fuzz/corpus-extract fuzz/extract/seeds
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-build-fuzz}
mkdir -p "$out" "$out/corpus-extract"
pkgs="libxml-2.0 jansson libcurl libsodium"
# shellcheck disable=SC2046
clang -std=c17 -g -O1 -D_GNU_SOURCE -DHERALD_VERSION='"fuzz"' \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Isrc $(pkg-config --cflags $pkgs) \
  fuzz/extract/fuzz_extract.c src/extract/*.c src/core/*.c src/html/*.c \
  $(pkg-config --libs $pkgs) -lm -lpthread \
  -o "$out/fuzz_extract"
echo "built $out/fuzz_extract"
