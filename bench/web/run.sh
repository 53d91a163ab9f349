#!/usr/bin/env bash
# bench/web/run.sh [N] - what readers do, measured on herald beside nginx in the same run.
#
#   N          articles in the generated archive (default 100000; the issue's goal: 1000000)
#   DURATION   wrk duration of each row (default 5s); SERIAL the serial search (default 10)
#   WARMUP     duration of the warm-up rows, random articles and search (default 60s): long
#              enough that the rows after them find the pages they touch in memory (at
#              1,000,000 articles a 5 s row still read the file from disk at 170 MB/s)
#   CONNS      wrk connections (default 64); THREADS server workers, nginx's too (default 2)
#   IDS        article URLs herald's random rows pick from (default 100000, all when fewer)
#   SAMPLE     pages pre-rendered for nginx's random rows (default 20000, all when fewer)
#   STORIES    0: generate without stories (bench_web_gen's "nostories"; a separate cache)
#   BUILD      build directory (default build); OUT where databases and pages are cached
#              (default $BUILD/bench-web)
#   PORT       herald's port (default 18481); nginx uses PORT+1, the pre-rendering PORT+2
#
# 1. bench_web_gen writes the archive once (N articles with stories, copies, images; see
#    its header) to $OUT/bench-N-<generator and schema version>.db: a database from
#    another generator or schema has another name and is made again.
# 2. Pages for nginx: SAMPLE random article pages are fetched once from a herald server and
#    written as files with a gzip and a brotli copy beside each, made at herald's
#    settings (nginx serves them with gzip_static and brotli_static: a browser gets the
#    brotli copy from nginx, gzip from herald, which prefers gzip on a tie), cached beside
#    the database.  nginx runs with open_file_cache on,
#    sendfile and THREADS workers.
# 3. Rows, each one wrk run (-t2 -c$CONNS, bench/web/random.lua picks a path at random per
#    request): one cached page (what the old bench measured), random articles across the
#    archive (herald: IDS ids; nginx: the SAMPLE files), and search (bench_web_gen's query
#    mix: common, mid-frequency and rare words, word pairs, names), each with no headers
#    ("plain") and with a browser's (Chrome's Accept, Accept-Encoding: gzip, deflate, br,
#    Accept-Language, User-Agent), each with keep-alive and with Connection: close.
#    The gzip A/B: random articles with plain and browser headers alternating, three times;
#    the cost of compression is 1 - browser/plain over their sums.
#    Serial search: one client, one request at a time (bench/web/serial.py), p50/p95/p99 by
#    frequency band.
# 4. Cold: the first row runs on a fresh server process (empty page cache and SQLite
#    caches) right after the database file's pages were evicted from the OS page cache
#    (posix_fadvise DONTNEED on the file: only this file, so other work on the machine
#    keeps its cache).  Warm: the same row again for WARMUP, then search for WARMUP.
#
# Prints a table (req/s, p50, p95, p99, responses that were not 2xx/3xx, socket errors as
# wrk counts them, herald's peak RSS so far from VmHWM, the 1-minute load average when the
# row ended) and the issue's targets.  Needs wrk, nginx
# (Debian: nginx-light), curl, gzip, python3: bench/web/packages.txt, installed by
# scripts/setup with HERALD_BENCH_PACKAGES=1.  Build first: scripts/setup build && ninja -C build.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
build=${BUILD:-build}
out=${OUT:-$build/bench-web}
threads=${THREADS:-2}
dur=${DURATION:-5s}
warmup=${WARMUP:-60s}
serial_s=${SERIAL:-10}
conns=${CONNS:-64}
n_ids=${IDS:-100000}
sample=${SAMPLE:-20000}
gen=$build/bench/web/bench_web_gen
serve=$build/bench/web/bench_web_serve
hport=${PORT:-18481}
nport=$((hport + 1))
rport=$((hport + 2))

for c in wrk nginx curl gzip brotli python3 shuf; do
    command -v "$c" >/dev/null || { echo "run.sh: needs $c (bench/web/packages.txt)" >&2; exit 1; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
key=$("$gen" --version)
gen_args=()
if [ "${STORIES:-1}" = 0 ]; then
    key=$key-nostories
    gen_args=(nostories)
fi
db="$out/bench-$n-$key.db"
www="$out/www-$n-$key-$sample-3"

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

wait_up() { # port [path]
    for _ in $(seq 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$1${2:-/static/favicon.svg}" && return 0
        sleep 0.1
    done
    echo "run.sh: the server on port $1 did not start" >&2
    exit 1
}

if [ ! -f "$db" ]; then
    echo "generating $n articles into $db (cached for later runs)"
    rm -f "$db.tmp" "$db.tmp.ids" "$db.tmp.queries" "$db.tmp-wal" "$db.tmp-shm"
    # SQLite's statement journals and sorts of the clustering go to temporary files; on
    # tmpfs they cost no disk writes
    [ -d /dev/shm ] && export SQLITE_TMPDIR=/dev/shm
    "$gen" "$db.tmp" "$n" "${gen_args[@]}" 2>"$out/gen.log"
    unset SQLITE_TMPDIR
    mv "$db.tmp.ids" "$db.ids"
    mv "$db.tmp.queries" "$db.queries"
    mv "$db.tmp" "$db"
fi

# Paths: herald's random rows pick among IDS ids, nginx's among the first SAMPLE of them.
shuf -n "$n_ids" --random-source=<(yes) "$db.ids" >"$out/ids-$n"
sed 's|^|/article/|' "$out/ids-$n" >"$out/paths-herald-$n"
head -n "$sample" "$out/ids-$n" | sed 's|^\(.*\)$|/a/\1.html|' >"$out/paths-nginx-$n"
cut -f2 "$db.queries" | sed 's|^|/search?q=|' >"$out/paths-search-$n"
one=$(head -n 1 "$out/ids-$n")

if [ ! -f "$www/done" ]; then
    echo "pre-rendering $(wc -l <"$out/paths-nginx-$n") article pages for nginx into $www"
    rm -rf "$www"
    mkdir -p "$www/a"
    "$serve" "$db" "127.0.0.1:$rport" "$threads" 0 2>/dev/null &
    rpid=$!
    pids+=("$rpid")
    wait_up "$rport"
    head -n "$sample" "$out/ids-$n" |
        awk -v p="$rport" -v d="$www/a" '{ printf "url = \"http://127.0.0.1:%s/article/%s\"\noutput = \"%s/%s.html\"\n", p, $1, d, $1 }' \
            >"$out/curl-$n.cfg"
    curl -sf --no-progress-meter --parallel --parallel-max 4 -K "$out/curl-$n.cfg"
    kill "$rpid"
    wait "$rpid" 2>/dev/null || true
    cp "$www/a/$one.html" "$www/one.html"
    # compressed at herald's fast settings (src/web/httputil.c: gzip level 1, brotli quality
    # 1, window 18) so both servers pay alike to send a page; gzip(1) is zlib, herald's gzip
    # is libdeflate, whose bodies are some 6% smaller, so the bytes are close, not identical
    gzip -1 -k -r "$www"
    find "$www" -name '*.html' -exec brotli -k -q 1 -w 18 {} +
    touch "$www/done"
fi

# open_file_cache keeps a descriptor open per cached file: past the process's limit a
# worker answers "Too many open files" errors, so the cache stays below it (the hard limit
# cannot be raised in every container) with room for the connections
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] && nofile=262144
fcache=$((nofile > 8192 ? nofile - 4096 : nofile / 2))
[ "$fcache" -gt 100000 ] && fcache=100000
cat >"$out/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes $threads;
worker_rlimit_nofile $nofile;
daemon off;
pid $out/nginx.pid;
error_log $out/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    open_file_cache max=$fcache inactive=300s;
    open_file_cache_valid 300s;
    open_file_cache_errors on;
    gzip_static on;
    brotli_static on;
    server {
        listen 127.0.0.1:$nport;
        root $www;
        location / { default_type text/html; }
    }
}
CONF
nginx -c "$out/nginx.conf" -p "$out" &
pids+=($!)

# Cold: evict the database file from the OS page cache, then a fresh server.
python3 -c 'import os, sys
for p in sys.argv[1:]:
    fd = os.open(p, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' "$db"
"$serve" "$db" "127.0.0.1:$hport" "$threads" 2>"$out/serve.log" &
hpid=$!
pids+=("$hpid")
wait_up "$hport"
wait_up "$nport" /one.html

browser=(-H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8'
    -H 'Accept-Encoding: gzip, deflate, br' -H 'Accept-Language: en-US,en;q=0.9'
    -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')
close=(-H 'Connection: close')

echo "herald $(git rev-parse --short HEAD 2>/dev/null || echo '?'), database: $n articles ($(du -hL "$db" | cut -f1)), $threads workers each," \
    "wrk -t2 -c$conns -d$dur (the warm row $warmup); herald random rows over $(wc -l <"$out/paths-herald-$n") ids, nginx over $(wc -l <"$out/paths-nginx-$n") files"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-30s %-6s %-7s %-5s %9s %9s %9s %9s %7s %6s %9s %5s\n' scenario server headers keep req/s p50 p95 p99 non-2xx socket "RSS peak" load
declare -A rate p99s
row() { # scenario server headers(plain|browser) keep(on|off) port paths [duration]
    local args=(-t2 -c"$conns" -d"${7:-$dur}" -s bench/web/random.lua) r f rss="-"
    [ "$3" = browser ] && args+=("${browser[@]}")
    [ "$4" = off ] && args+=("${close[@]}")
    r=$(wrk "${args[@]}" "http://127.0.0.1:$5" -- "$6" | awk '/^RESULT/')
    read -r -a f <<<"${r:-RESULT 0 0 0 0 0 0}"
    [ "$2" = herald ] && rss="$(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$hpid/status")"
    printf '%-30s %-6s %-7s %-5s %9s %6s ms %6s ms %6s ms %7s %6s %9s %5s\n' "$1" "$2" "$3" "$4" \
        "${f[1]}" "${f[2]}" "${f[3]}" "${f[4]}" "${f[5]}" "${f[6]}" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
    rate["$1/$2/$3/$4"]=${f[1]}
    p99s["$1/$2/$3/$4"]=${f[4]}
}

row "random articles, cold" herald plain on "$hport" "$out/paths-herald-$n"
row "random articles, warm (${warmup})" herald plain on "$hport" "$out/paths-herald-$n" "$warmup"
row "search, warm (${warmup})" herald plain on "$hport" "$out/paths-search-$n" "$warmup"
echo "$one" | sed 's|^|/article/|' >"$out/paths-one-$n"
echo "/one.html" >"$out/paths-one-nginx"
every() { # scenario herald-paths [nginx-paths]: plain and browser headers, keep-alive on and off
    for h in plain browser; do
        for k in on off; do
            row "$1" herald "$h" "$k" "$hport" "$2"
            if [ -n "${3:-}" ]; then row "$1" nginx "$h" "$k" "$nport" "$3"; fi
        done
    done
}
every "one cached page" "$out/paths-one-$n" "$out/paths-one-nginx"
every "random articles" "$out/paths-herald-$n" "$out/paths-nginx-$n"
every "search, $conns connections" "$out/paths-search-$n"
# The cost of compression: plain and browser rows alternating on the same warm server, so
# a drift in the machine or the caches weighs on both alike.
gzip_plain=0
gzip_browser=0
for round in 1 2 3; do
    for h in plain browser; do
        row "random articles, gzip A/B $round" herald "$h" on "$hport" "$out/paths-herald-$n"
    done
    gzip_plain=$((gzip_plain + ${rate["random articles, gzip A/B $round/herald/plain/on"]}))
    gzip_browser=$((gzip_browser + ${rate["random articles, gzip A/B $round/herald/browser/on"]}))
done
echo
echo "serial search (one connection, ${serial_s}s each; ms):"
printf '  %-8s %-7s %8s %8s %8s %8s %6s\n' headers band requests p50 p95 p99 non-200
for h in plain browser; do
    python3 bench/web/serial.py "$hport" "$db.queries" "$serial_s" "$h" |
        while read -r _ band cnt p50 p95 p99 bad; do
            printf '  %-8s %-7s %8s %8s %8s %8s %6s\n' "$h" "$band" "$cnt" "$p50" "$p95" "$p99" "$bad"
            if [ "$band" = all ] && [ "$h" = plain ]; then echo "$p95" >"$out/serial-p95"; fi
        done
done
echo
echo "herald memory: peak resident $(awk '/VmHWM/ {printf "%.1f MiB", $2 / 1024}' /proc/$hpid/status)," \
    "resident now $(awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' /proc/$hpid/status)," \
    "anonymous now $(awk '/RssAnon/ {printf "%.1f MiB", $2 / 1024}' /proc/$hpid/status)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
k="random articles"
python3 - "${rate["$k/herald/plain/on"]}" "${rate["$k/nginx/plain/on"]}" "${p99s["$k/herald/plain/on"]}" \
    "$gzip_plain" "$gzip_browser" "$(cat "$out/serial-p95")" \
    "${rate["search, $conns connections/herald/plain/on"]}" <<'PY'
import sys
h, ng, p99, gp, gb, sp95, srch = map(float, sys.argv[1:])
ok = lambda c: "met" if c else "MISSED"
print("targets (issue 9):")
print("  random articles herald/nginx %.2f (>= 0.5: %s), p99 %.1f ms (< 50: %s)" % (h / ng if ng else 0, ok(ng and h / ng >= 0.5), p99, ok(p99 < 50)))
print("  search serial p95 %.1f ms (< 20: %s), %.0f req/s at 64 connections (> 500: %s)" % (sp95, ok(sp95 < 20), srch, ok(srch > 500)))
print("  gzip (browser headers) costs %.1f%% of the random-article rate, the A/B rows (< 10%%: %s)" % (100 * (1 - gb / gp) if gp else 0, ok(gp and 1 - gb / gp < 0.10)))
PY
