#!/usr/bin/env bash
# fuzz/build.sh - builds herald's libFuzzer targets with Debian's clang, against the library
# sources directly (not meson's gcc build): the src/<module>/*.c files a target needs,
# compiled once with -fsanitize=fuzzer-no-link,address,undefined into build-fuzz/obj/, then
# one binary per target, build-fuzz/fuzz_<target> (FUZZ_OUT overrides build-fuzz).
#
#   fuzz/build.sh [TARGET...]     (default: every fuzz/<target>/ with a fuzz_<target>.c)
#
# A target is a folder fuzz/<target>/ holding fuzz_<target>.c (LLVMFuzzerTestOneInput),
# optionally modules (the src/ folders it links, one per line; default "core html"),
# seeds/ (starting corpus), <target>.dict (libFuzzer dictionary) and extra-sources
# (repository-relative .c files linked in too, one per line).
# Objects are rebuilt only when their source or any header changed.
set -euo pipefail
cd "$(dirname "$0")/.."
CC=${CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz/build.sh: $CC not found (apt-get install clang)" >&2; exit 1; }

out=${FUZZ_OUT:-build-fuzz}
mkdir -p "$out/obj"
pkgs="libxml-2.0 libcurl sqlite3 jansson libmicrohttpd libsodium libutf8proc zlib gdlib libexif"
cflags="-std=c17 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE -DHERALD_VERSION=\"fuzz\" \
  -DHERALD_FUZZING -Isrc $(pkg-config --cflags $pkgs)"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
libs="$(pkg-config --libs $pkgs) -lstemmer -lm -lpthread"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for d in fuzz/*/; do
    t=$(basename "$d")
    [ -f "fuzz/$t/fuzz_$t.c" ] && targets+=("$t")
  done
fi
# compile_module DIR: compiles src/DIR/*.c into $out/obj/ when stale; appends to objs
compile_module() {
  local src obj
  for src in src/"$1"/*.c; do
    [ -f "$src" ] || continue
    obj="$out/obj/$(echo "${src%.c}" | tr / _).o"
    # rebuild when the source or any header is newer (simple and always right)
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src -name '*.h' -newer "$obj" | head -1)" ]; then
      echo "CC $src"
      # shellcheck disable=SC2086
      "$CC" $cflags $san -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
    fi
    objs+=("$obj")
  done
}

for t in "${targets[@]}"; do
  objs=()
  modules="core html"
  [ -f "fuzz/$t/modules" ] && modules=$(grep -v '^#' "fuzz/$t/modules" | tr '\n' ' ')
  for m in $modules; do
    compile_module "$m"
  done
  extra=()
  if [ -f "fuzz/$t/extra-sources" ]; then
    mapfile -t extra < <(grep -v '^#' "fuzz/$t/extra-sources" | grep .)
  fi
  echo "LINK $out/fuzz_$t"
  # shellcheck disable=SC2086
  "$CC" $cflags $san -fsanitize=fuzzer -Itests/html -Itests/support "fuzz/$t/fuzz_$t.c" \
    "${extra[@]}" "${objs[@]}" $libs -o "$out/fuzz_$t"
done
