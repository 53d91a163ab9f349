#!/usr/bin/env python3
"""bench/web/serial.py PORT QUERIES SECONDS [browser] - one client, one request at a time.

Asks http://127.0.0.1:PORT/search?q=<query> for queries picked at random from QUERIES
("band<TAB>query" a line, as bench_web_gen writes them) over one keep-alive connection
for SECONDS, and prints the latency percentiles of all requests and of each band:
    SERIAL <band> <requests> <p50 ms> <p95 ms> <p99 ms> <non-200>
With "browser", each request carries the headers Chrome sends (the body stays gzipped).
"""
import http.client
import random
import sys
import time

BROWSER = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
              "image/webp,image/apng,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate, br",
    "Accept-Language": "en-US,en;q=0.9",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/131.0.0.0 Safari/537.36",
}


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))]


def main():
    port, qfile, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    headers = BROWSER if len(sys.argv) > 4 and sys.argv[4] == "browser" else {}
    queries = [line.rstrip("\n").split("\t", 1) for line in open(qfile) if "\t" in line]
    rnd = random.Random(9)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times, bad = {}, {}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        band, q = rnd.choice(queries)
        t0 = time.perf_counter()
        conn.request("GET", "/search?q=" + q, headers=headers)
        r = conn.getresponse()
        r.read()
        ms = (time.perf_counter() - t0) * 1000
        times.setdefault(band, []).append(ms)
        times.setdefault("all", []).append(ms)
        if r.status != 200:
            bad[band] = bad.get(band, 0) + 1
            bad["all"] = bad.get("all", 0) + 1
    for band in ["all"] + sorted(b for b in times if b != "all"):
        t = times[band]
        print("SERIAL %s %d %.2f %.2f %.2f %d" % (band, len(t), pct(t, 50), pct(t, 95),
                                                 pct(t, 99), bad.get(band, 0)))


if __name__ == "__main__":
    main()
