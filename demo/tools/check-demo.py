#!/usr/bin/env python3
"""Checks the herald demo corpus; exits non-zero with a list of problems.

  python3 demo/tools/check-demo.py [DEMO_DIR]

Asserts: feeds.opml lists every feed with a repo-relative path that exists; every
feed parses (xmllint --noout for XML, json for JSON Feed); every entry link, image
and enclosure resolves (relative to the feed, Atom xml:base included) to a file
that exists; every article page parses with xmllint --html (HTML5 tag names are
the only tolerated complaints), has a lead <figure> with <img width height> and
<figcaption>, and all its local links and images exist; article texts have
120-350 words in 3-8 paragraphs; counts (>= 80 articles, >= 8 outlets, all four
feed formats, >= 4 wire groups republished by >= 3 outlets, >= 4 event groups
covered by >= 3 outlets, an article listed in two feeds, >= 3 days, >= 3 zones).
Needs python3 and xmllint only.
"""

import datetime
import email.utils
import html.parser
import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

HTML5_TAGS = {"article", "aside", "nav", "main", "header", "footer", "section", "figure",
              "figcaption", "time", "svg", "path", "button", "template", "picture", "source"}

problems = []


def bad(msg):
    problems.append(msg)


def local_target(base_file, ref):
    """File a relative reference points at, or None if it is remote/absolute/anchor."""
    if not ref or ref.startswith(("#", "mailto:", "javascript:", "data:", "/")):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I):
        return None
    path = urllib.parse.urlsplit(ref).path
    if not path:
        return None
    return os.path.normpath(os.path.join(os.path.dirname(base_file), urllib.parse.unquote(path)))


def need_file(path, why):
    if not os.path.isfile(path):
        bad("%s: missing %s" % (why, path))
        return False
    return True


def xmllint(args, path):
    r = subprocess.run(["xmllint", "--nonet"] + args + ["--noout", path], capture_output=True, text=True)
    return r.returncode, r.stderr


def check_png(path, why):
    if not need_file(path, why):
        return
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        bad("%s: not a PNG: %s" % (why, path))
    if not path.endswith("logo.png") and not (1000 <= len(data) <= 20000):
        bad("%s: image size %d bytes out of 1-20 KB: %s" % (why, len(data), path))


A = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
MEDIA = "{http://search.yahoo.com/mrss/}"
XMLBASE = "{http://www.w3.org/XML/1998/namespace}base"


def check_content_links(path, base, content):
    """Links and images inside feed content resolve against the feed (and xml:base)."""
    for ref in re.findall(r'(?:href|src)="([^"]+)"', content):
        t = local_target(path, urllib.parse.urljoin(base, ref))
        if t:
            need_file(t, path + " (entry content)")


def check_feed(path):
    """Returns (format, [(guid, link file, date string or None)])."""
    entries = []
    if path.endswith(".json"):
        try:
            with open(path, encoding="utf-8") as f:
                d = json.load(f)
        except ValueError as e:
            bad("%s: JSON error %s" % (path, e))
            return None, []
        if d.get("version") != "https://jsonfeed.org/version/1.1":
            bad("%s: not JSON Feed 1.1" % path)
        for it in d.get("items", []):
            entries.append((it.get("id"), local_target(path, it.get("url")), it.get("date_published")))
            check_content_links(path, "", it.get("content_html", ""))
            for ref in [it.get("image")] + [x.get("url") for x in it.get("attachments", [])]:
                t = local_target(path, ref)
                if t:
                    check_png(t, path)
        return "json", entries
    rc, err = xmllint([], path)
    if rc != 0:
        bad("%s: xmllint failed: %s" % (path, err.strip()[:300]))
        return None, []
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        fmt = "rss2"
        for it in root.iter("item"):
            link = local_target(path, it.findtext("link"))
            entries.append((it.findtext("guid"), link, it.findtext("pubDate")))
            refs = [e.get("url") for e in it.iter("enclosure")] + \
                   [e.get("url") for e in it.iter(MEDIA + "content")] + \
                   [e.get("url") for e in it.iter(MEDIA + "thumbnail")]
            content = it.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
            refs += re.findall(r'<img[^>]+src="([^"]+)"', content)
            for ref in refs:
                t = local_target(path, ref)
                if t:
                    check_png(t, path)
            check_content_links(path, "", content)
    elif root.tag == A + "feed":
        fmt = "atom"
        for e in root.iter(A + "entry"):
            base = e.get(XMLBASE) or ""
            alt = [l.get("href") for l in e.iter(A + "link") if l.get("rel", "alternate") == "alternate"]
            link = local_target(path, urllib.parse.urljoin(base, alt[0])) if alt else None
            entries.append((e.findtext(A + "id"), link, e.findtext(A + "published")))
            c = e.find(A + "content")
            if c is not None:
                html_text = c.text or "" if c.get("type") == "html" else ET.tostring(c, encoding="unicode")
                check_content_links(path, base, html_text)
            for l in e.iter(A + "link"):
                if l.get("rel") == "enclosure":
                    t = local_target(path, urllib.parse.urljoin(base, l.get("href")))
                    if t:
                        check_png(t, path)
    elif root.tag == RDF + "RDF":
        fmt = "rss1"
        for it in root.iter(RSS1 + "item"):
            entries.append((it.get(RDF + "about"), local_target(path, it.findtext(RSS1 + "link")),
                            it.findtext("{http://purl.org/dc/elements/1.1/}date")))
    else:
        bad("%s: unknown root %s" % (path, root.tag))
        return None, []
    return fmt, entries


class PageScan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.figure, self.figcaption, self.img_dims = [], 0, 0, 0
        self.in_figure = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure":
            self.figure += 1
            self.in_figure = True
        if tag == "figcaption" and self.in_figure:
            self.figcaption += 1
        if tag == "img":
            self.refs.append(a.get("src"))
            if self.in_figure and a.get("width") and a.get("height"):
                self.img_dims += 1
        if tag == "a":
            self.refs.append(a.get("href"))
        if tag == "meta" and a.get("property") == "og:image":
            self.refs.append(a.get("content"))

    def handle_endtag(self, tag):
        if tag == "figure":
            self.in_figure = False


def check_page(path):
    rc, err = xmllint(["--html"], path)
    for line in err.splitlines():
        m = re.search(r"HTML parser error : (.*)", line)
        if m:
            t = re.match(r"Tag (\w+) invalid", m.group(1))
            if not (t and t.group(1) in HTML5_TAGS):
                bad("%s: %s" % (path, m.group(1)))
    if rc != 0:
        bad("%s: xmllint --html exit %d" % (path, rc))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    scan = PageScan()
    scan.feed(text)
    if not (scan.figure and scan.figcaption and scan.img_dims):
        bad("%s: no lead <figure> with sized <img> and <figcaption>" % path)
    for ref in scan.refs:
        t = local_target(path, ref)
        if t:
            if t.endswith(".png"):
                check_png(t, path)
            else:
                need_file(t, path)
    return text


def main():
    demo = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    repo = os.path.dirname(demo)
    opml = os.path.join(demo, "feeds.opml")
    rc, err = xmllint([], opml)
    if rc:
        bad("feeds.opml: " + err)
    feeds = []
    for o in ET.parse(opml).getroot().iter("outline"):
        if o.get("xmlUrl"):
            u = o.get("xmlUrl")
            if "://" in u or u.startswith("/"):
                bad("feeds.opml: xmlUrl not repo-relative: " + u)
            for k in ("text", "title", "type", "htmlUrl"):
                if not o.get(k):
                    bad("feeds.opml: outline for %s lacks %s" % (u, k))
            if need_file(os.path.join(repo, u), "feeds.opml"):
                feeds.append(os.path.join(repo, u))
    formats, outlets = set(), set()
    pages = {}  # page path -> list of (feed, guid)
    dates, zones = set(), set()
    for fp in feeds:
        fmt, entries = check_feed(fp)
        formats.add(fmt)
        outlets.add(os.path.basename(os.path.dirname(fp)))
        if not entries:
            bad("%s: no entries" % fp)
        for guid, link, date in entries:
            if not link:
                bad("%s: entry %s has no local link" % (fp, guid))
                continue
            if need_file(link, fp):
                pages.setdefault(link, []).append((fp, guid))
            if date:
                try:
                    if re.match(r"\d{4}-", date):
                        t = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
                    else:
                        t = email.utils.parsedate_to_datetime(date)
                    dates.add(t.astimezone(datetime.timezone.utc).date())
                except (ValueError, TypeError):
                    bad("%s: unparseable date %r" % (fp, date))
                z = re.search(r"(Z|[+-]\d\d:?\d\d|GMT|EST|UT)$", date.strip())
                zones.add(z.group(1) if z else "?")
    multi = 0
    for page, refs in pages.items():
        if len(refs) > 1:
            multi += 1
            if len({g for _, g in refs}) != 1:
                bad("%s: listed in several feeds with different ids %s" % (page, refs))
    for page in sorted(pages):
        check_page(page)
    on_disk = set()
    for root, _, files in os.walk(os.path.join(demo, "outlets")):
        on_disk |= {os.path.join(root, f) for f in files if f.endswith(".html")}
    for p in sorted(on_disk - set(pages)):
        bad("%s: page not listed in any feed" % p)

    sys.path.insert(0, os.path.join(demo, "tools"))
    import articles
    arts = articles.load()
    for a in arts:
        paras = [p for p in a["paras"] if not p.startswith("## ")]
        n = sum(len(p.split()) for p in paras)
        if not (120 <= n <= 350):
            bad("article %s/%s: %d words (want 120-350)" % (a["outlet"], a["slug"], n))
        if not (3 <= len(paras) <= 8):
            bad("article %s/%s: %d paragraphs (want 3-8)" % (a["outlet"], a["slug"], len(paras)))
        if "\u2014" not in " ".join(paras[:2]):
            bad("article %s/%s: no dateline in the opening" % (a["outlet"], a["slug"]))

    with open(os.path.join(demo, "groups.json"), encoding="utf-8") as f:
        groups = json.load(f)
    for g in groups["wire"]:
        mem = [g["original"]] + g["copies"]
        for p in mem:
            need_file(os.path.join(demo, p), "groups.json " + g["id"])
        if len({p.split("/")[1] for p in mem}) < 4:
            bad("wire group %s: republished by fewer than 3 outlets" % g["id"])
    for g in groups["events"]:
        for p in g["articles"]:
            need_file(os.path.join(demo, p), "groups.json " + g["id"])
        if len({p.split("/")[1] for p in g["articles"]}) < 3:
            bad("event group %s: covered by fewer than 3 outlets" % g["id"])

    with open(os.path.join(demo, "articles.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if {os.path.join(demo, m["path"]) for m in manifest} != set(pages):
        bad("articles.json does not list exactly the pages the feeds list")
    by_path = {m["path"]: m for m in manifest}
    for g in groups["wire"]:
        orig = by_path.get(g["original"], {}).get("published")
        for p in g["copies"]:
            cp = by_path.get(p, {}).get("published")
            if orig and cp and cp <= orig:
                bad("wire group %s: copy %s published before the original" % (g["id"], p))
    for m in manifest:
        if m["published"] and m["updated"] < m["published"]:
            bad("%s: updated before published" % m["path"])
        check_png(os.path.join(demo, m["image"]), "articles.json")
        for fp in m["feeds"]:
            need_file(os.path.join(demo, fp), "articles.json")

    counts = dict(articles=len(pages), outlets=len(outlets), feeds=len(feeds), formats=len(formats),
                  wire_groups=len(groups["wire"]), event_groups=len(groups["events"]),
                  multi_feed_articles=multi, days=len({d for d in dates}), zones=len(zones))
    want = dict(articles=80, outlets=8, feeds=8, formats=4, wire_groups=4, event_groups=4,
                multi_feed_articles=1, days=3, zones=3)
    for k, v in want.items():
        if counts[k] < v:
            bad("count %s = %d, want >= %d" % (k, counts[k], v))
    if len(arts) != len(pages):
        bad("sources define %d articles but feeds list %d pages" % (len(arts), len(pages)))
    print("demo: " + ", ".join("%s=%d" % kv for kv in counts.items()))
    for p in problems:
        print("FAIL: " + p)
    print("demo check: %s (%d problems)" % ("FAILED" if problems else "OK", len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
