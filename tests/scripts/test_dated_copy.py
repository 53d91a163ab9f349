#!/usr/bin/env python3
"""test_dated_copy.py - demo/tools/dated-copy.py moves every date of the demo by one offset.

    test_dated_copy.py HERALD_BIN SOURCE_ROOT

Writes the dated copy for a fixed "now" into a temporary directory and reads the original
and the copied feeds back with herald's own parser (`herald parse-feed`, not the tool's
regular expressions).  Checks: every entry's published and updated time moved by the same
offset, a whole number of minutes (spacing kept); the newest is one hour before "now"; the
entry without a date still has none; everything else in the feeds is byte for byte the
same except the dates' digits and day and month names; the pages and images are reached
through links into demo/; the copied OPML lists the copies.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

NOW = 1893456000  # 2030-01-01T00:00:00Z


def epoch(s):
    import datetime as dt
    return int(dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
               .replace(tzinfo=dt.timezone.utc).timestamp())


def entries(herald, path):
    out = subprocess.run([herald, "parse-feed", path], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("parse-feed %s failed: %s" % (path, out.stderr))
    return json.loads(out.stdout)["entries"]


def shape(b):
    """The bytes with the parts a date change may touch blanked."""
    return re.sub(rb"[0-9]|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                  rb"Oct|Nov|Dec", b"#", b)


def main():
    herald, root = sys.argv[1:3]
    demo = os.path.join(root, "demo")
    feeds = re.findall(r'xmlUrl="demo/(outlets/[^"]+)"',
                       open(os.path.join(demo, "feeds.opml"), encoding="utf-8").read())
    assert len(feeds) == 10, feeds
    problems = []
    with tempfile.TemporaryDirectory(prefix="herald-dated-") as tmp:
        out = os.path.join(tmp, "feeds")
        r = subprocess.run([sys.executable, os.path.join(demo, "tools", "dated-copy.py"), out,
                            "--now", str(NOW)], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("dated-copy.py failed: %s%s" % (r.stdout, r.stderr))
        offsets, newest, undated = set(), 0, 0
        for rel in feeds:
            orig, copy = os.path.join(demo, rel), os.path.join(out, rel)
            a, b = entries(herald, orig), entries(herald, copy)
            if len(a) != len(b):
                problems.append("%s: %d entries, copy %d" % (rel, len(a), len(b)))
                continue
            for x, y in zip(a, b):
                for key in ("published", "updated"):
                    if (key in x) != (key in y):
                        problems.append("%s: %s present in one only" % (rel, key))
                    elif key in x:
                        offsets.add(epoch(y[key]) - epoch(x[key]))
                        newest = max(newest, epoch(y[key]))
                if "published" not in x and "updated" not in x:
                    undated += 1
            if shape(open(orig, "rb").read()) != shape(open(copy, "rb").read()):
                problems.append("%s: the copy differs beyond its dates" % rel)
            outlet = os.path.dirname(rel)
            for sub in ("articles", "images"):
                link = os.path.join(out, outlet, sub)
                if os.path.realpath(link) != os.path.realpath(os.path.join(demo, outlet, sub)):
                    problems.append("%s: not a link to demo/%s/%s" % (link, outlet, sub))
        if len(offsets) != 1:
            problems.append("entries moved by %d different offsets: %s"
                            % (len(offsets), sorted(offsets)[:5]))
        elif next(iter(offsets)) % 60:
            problems.append("offset %d s is not whole minutes" % next(iter(offsets)))
        if not NOW - 3600 - 60 < newest <= NOW - 3600:
            problems.append("newest entry at %d, want an hour before %d" % (newest, NOW))
        if undated != 1:
            problems.append("%d undated entries, want the one of demo/" % undated)
        opml = open(os.path.join(out, "feeds.opml"), encoding="utf-8").read()
        listed = re.findall(r'xmlUrl="([^"]+)"', opml)
        if listed != feeds:
            problems.append("copied OPML lists %s" % listed)
    for p in problems:
        print("FAIL", p)
    if problems:
        sys.exit(1)
    print("10 feeds, one offset of %+d s, newest %d s before now"
          % (next(iter(offsets)), NOW - newest))


if __name__ == "__main__":
    main()
