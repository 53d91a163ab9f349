#!/usr/bin/python3
"""Times Python feedparser (the reference parser; Debian's python3-feedparser) over the
feeds bench_feed used, so that the peer figure is measured in the same run as herald's.

    bench_feedparser.py LIST [ROUNDS [HERALD_MIBS]]
LIST: one feed path a line (bench_feed --list writes it).  Prints MiB/s and entries/s for
the XML feeds (JSON Feed only from feedparser 6.0.11 on; Debian's 6.0.10 reads none, so
JSON files are left out), best of ROUNDS (default 3), one thread, CPU time (as
bench_feed measures).  feedparser sanitizes
HTML by default, so its figure compares with herald's parse + sanitize: given herald's
MiB/s for the same XML feeds (HERALD_MIBS), prints herald's speed as a multiple of
feedparser's.  Exits 77 when feedparser is not installed.
"""
import sys
import time

try:
    import feedparser
except ImportError:
    print("python3-feedparser is not installed: the peer figure was not measured")
    sys.exit(77)


def main():
    paths = [p.strip() for p in open(sys.argv[1], encoding="utf-8") if p.strip()]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    blobs = []
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        blobs.append((p, data, data.lstrip()[:1] == b"{"))
    print(f"Python feedparser {feedparser.__version__}, best of {rounds} rounds, one thread, CPU time")
    sel = [b for b in blobs if not b[2]]
    size = sum(len(b[1]) for b in sel) / (1024 * 1024)
    best, entries = float("inf"), 0
    for _ in range(rounds):
        t = time.process_time()
        n = 0
        for _, data, _ in sel:
            n += len(feedparser.parse(data).entries)
        best = min(best, time.process_time() - t)
        entries = n
    print(f"  XML feeds {len(sel):3d} files {size:7.2f} MiB {entries:6d} entries  "
          f"{size / best:7.2f} MiB/s {entries / best:9.0f} entries/s")
    if len(sys.argv) > 3:
        herald = float(sys.argv[3])
        print(f"  herald parse + sanitize on the same XML feeds in this run: {herald:.1f} MiB/s = "
              f"{herald / (size / best):.1f} times feedparser's speed")


main()
