#!/usr/bin/env python3
"""dated-copy.py - a copy of the demo's feeds dated relative to now, for scripts/demo.

    python3 demo/tools/dated-copy.py OUT_DIR [--now EPOCH] [--age SECONDS]

The demo's articles were written for 2026-11-20 to 2026-11-25.  Ingested as they are, a
new user would see every article dated days or years in the past.  This tool writes to
OUT_DIR (a build or temporary directory, never demo/) a copy of every feed named by
demo/feeds.opml with every date in it moved by one and the same offset, chosen so that
the newest date is --age seconds (default 3600: one hour) before --now (default: the
current time).  The spacing between articles is kept exactly; the offset is a whole
number of minutes, so seconds stay as written.  Each date keeps its own spelling (RFC 822
with a weekday or without, with seconds or without, a numeric or a named zone; RFC 3339
with Z or an offset) and its own zone.

Nothing else changes: the feeds' bytes outside their dates, their encodings, and the
article pages and images, which the copy reaches through symbolic links
(OUT_DIR/outlets/<outlet>/articles -> demo/outlets/<outlet>/articles, ...), so the feeds'
relative links resolve as in demo/.  OUT_DIR/feeds.opml lists the copied feeds with paths
relative to itself; `herald import-opml OUT_DIR/feeds.opml` subscribes to them.

The tests ingest demo/ itself, with its fixed dates (tests/e2e, tests/web); only the demo
that people look at is re-dated.  Prints one line: the number of feeds and the offset.
"""
import argparse
import datetime as dt
import os
import re
import shutil
import sys
import time

DEMO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# RFC 822 zone names (RFC 822 section 5.1) in minutes east of UTC.
ZONES = {"GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360,
         "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420}

RFC822 = re.compile(
    r"(?:(?P<wd>Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?P<d>\d{1,2}) (?P<mon>" + "|".join(MONTHS) +
    r") (?P<y>\d{4}) (?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))? "
    r"(?P<z>[+-]\d{4}|GMT|UTC|UT|Z|[ECMP][SD]T)\b")
RFC3339 = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})T(?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?P<frac>\.\d+)?)?(?P<z>Z|[+-]\d{2}:\d{2})")


def zone_minutes(z):
    if z in ZONES:
        return ZONES[z]
    z = z.replace(":", "")
    sign = -1 if z[0] == "-" else 1
    return sign * (int(z[1:3]) * 60 + int(z[3:5]))


def parse(m, kind):
    """(aware datetime, its zone's tzinfo) of a match."""
    g = m.groupdict()
    tz = dt.timezone(dt.timedelta(minutes=zone_minutes(g["z"])))
    month = MONTHS.index(g["mon"]) + 1 if kind == "822" else int(g["mo"])
    when = dt.datetime(int(g["y"]), month, int(g["d"]), int(g["h"]), int(g["mi"]),
                       int(g["s"] or 0), tzinfo=tz)
    return when


def render(m, kind, when):
    """The date `when` spelled as match m was."""
    g = m.groupdict()
    if kind == "822":
        day = ("%02d" if len(g["d"]) == 2 else "%d") % when.day
        out = "%s %s %04d %02d:%02d" % (day, MONTHS[when.month - 1], when.year, when.hour,
                                         when.minute)
        if g["s"] is not None:
            out += ":%02d" % when.second
        out += " " + g["z"]
        if g["wd"]:
            out = DAYS[when.weekday()] + ", " + out
        return out
    out = "%04d-%02d-%02dT%02d:%02d" % (when.year, when.month, when.day, when.hour, when.minute)
    if g["s"] is not None:
        out += ":%02d%s" % (when.second, g["frac"] or "")
    return out + g["z"]


def dates_in(text):
    for kind, rx in (("822", RFC822), ("3339", RFC3339)):
        for m in rx.finditer(text):
            yield kind, m


def shift_text(text, offset):
    def sub(kind):
        def f(m):
            when = parse(m, kind)
            return render(m, kind, (when + offset).astimezone(when.tzinfo))
        return f
    text = RFC822.sub(sub("822"), text)
    return RFC3339.sub(sub("3339"), text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--now", type=int, default=None, help="seconds since the epoch")
    ap.add_argument("--age", type=int, default=3600, help="age of the newest date, seconds")
    a = ap.parse_args()
    now = a.now if a.now is not None else int(time.time())
    out = os.path.abspath(a.out)
    if out == DEMO or out.startswith(DEMO + os.sep):
        sys.exit("dated-copy: OUT_DIR must be outside demo/")

    with open(os.path.join(DEMO, "feeds.opml"), encoding="utf-8") as f:
        opml = f.read()
    feeds = re.findall(r'xmlUrl="demo/(outlets/[^"]+)"', opml)
    if not feeds:
        sys.exit("dated-copy: no feeds in demo/feeds.opml")
    # latin-1 maps every byte to one character and back: the feeds' own encodings
    # (utf-8, windows-1252, iso-8859-1) pass through untouched; dates are ASCII.
    texts = {}
    for rel in feeds:
        with open(os.path.join(DEMO, rel), "rb") as f:
            texts[rel] = f.read().decode("latin-1")
    newest = max(parse(m, kind) for t in texts.values() for kind, m in dates_in(t))
    target = dt.datetime.fromtimestamp(now - a.age, dt.timezone.utc)
    offset = dt.timedelta(minutes=(target - newest) // dt.timedelta(minutes=1))

    if os.path.isdir(out):
        shutil.rmtree(out)
    for rel in feeds:
        outlet = os.path.dirname(rel)
        dst_dir = os.path.join(out, outlet)
        if not os.path.isdir(dst_dir):
            os.makedirs(dst_dir)
            src_dir = os.path.join(DEMO, outlet)
            feed_names = {os.path.basename(r) for r in feeds if os.path.dirname(r) == outlet}
            for name in sorted(os.listdir(src_dir)):
                if name not in feed_names:
                    os.symlink(os.path.join(src_dir, name), os.path.join(dst_dir, name))
        with open(os.path.join(out, rel), "wb") as f:
            f.write(shift_text(texts[rel], offset).encode("latin-1"))
    with open(os.path.join(out, "feeds.opml"), "w", encoding="utf-8") as f:
        f.write(shift_text(opml.replace('xmlUrl="demo/outlets/', 'xmlUrl="outlets/'), offset))
    days = offset / dt.timedelta(days=1)
    print("demo: %d feeds dated %+.2f days (newest %d min before now) in %s"
          % (len(feeds), days, a.age // 60, out))


if __name__ == "__main__":
    main()
