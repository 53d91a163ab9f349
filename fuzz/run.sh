#!/usr/bin/env bash
# fuzz/run.sh - builds (fuzz/build.sh) and runs one libFuzzer target for a bounded time.
#
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#
# The working corpus lives in build-fuzz/corpus/TARGET (grown across runs, never committed);
# fuzz/TARGET/seeds/ is read as a second corpus directory.  Crashes are written to
# build-fuzz/crashes/TARGET/.  Exits non-zero when the fuzzer found a crash or a property
# violation; the last line is "fuzz TARGET: clean for N s, E execs" on success.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]" >&2; exit 2; }
t=$1
secs=$2
shift 2
fuzz/build.sh "$t" >&2
corpus=build-fuzz/corpus/$t
crashes=build-fuzz/crashes/$t
mkdir -p "$corpus" "$crashes"
args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384
      -print_final_stats=1 -artifact_prefix="$crashes/")
[ -f "fuzz/$t/$t.dict" ] && args+=(-dict="fuzz/$t/$t.dict")
seeds=()
[ -d "fuzz/$t/seeds" ] && seeds+=("fuzz/$t/seeds")
log=build-fuzz/$t.log
status=0
"build-fuzz/fuzz_$t" "${args[@]}" "$@" "$corpus" "${seeds[@]}" >"$log" 2>&1 || status=$?
tail -n 25 "$log" >&2
if [ "$status" -ne 0 ]; then
  echo "fuzz $t: FAILED (status $status), see $log and $crashes/" >&2
  exit "$status"
fi
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
echo "fuzz $t: clean for $secs s, $execs execs"
