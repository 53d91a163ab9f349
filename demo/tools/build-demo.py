#!/usr/bin/env python3
"""Renders the herald demo corpus from the article sources.

  python3 demo/tools/build-demo.py        (from the repository root or anywhere)

Reads outlets.py and articles.py (which loads src_*.py), then writes, under demo/:
  outlets/<outlet>/articles/<date>-<slug>.html   one page per article, outlet template
  outlets/<outlet>/images/<date>-<slug>.png      lead image (make-images.py)
  outlets/<outlet>/<feed file>                   RSS 2.0, Atom 1.0, RSS 1.0 or JSON Feed 1.1
  feeds.opml, groups.json, README.md

Every outlet has its own page template (different markup, boilerplate and
metadata) so that full-text extraction meets the variety it meets on the web.
Output is deterministic: running it twice gives the same bytes.
"""

import datetime as dt
import hashlib
import html
import importlib.util
import json
import os
import re
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)

from outlets import OUTLETS  # noqa: E402
import articles  # noqa: E402

_spec = importlib.util.spec_from_file_location("make_images", os.path.join(TOOLS, "make-images.py"))
make_images = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_images)

esc = html.escape  # text and attributes (quotes escaped too)

SMART = {"harbor-gazette", "alder-ledger", "circuit-and-cell"}  # CMSes that curl quotes

BUILD_TIME = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------- helpers

def smart(s):
    """Typographic quotes and apostrophes, for the outlets whose CMS does that."""
    s = re.sub(r'(^|[\s(\[\u2014])"', "\\1\u201c", s)
    s = s.replace('"', "\u201d")
    s = re.sub(r"(^|[\s(\[\u2014])'", "\\1\u2018", s)
    return s.replace("'", "\u2019")


def when(a, s=None):
    o = OUTLETS[a["outlet"]]
    t = dt.datetime.strptime(s or a["when"], "%Y-%m-%d %H:%M")
    return t.replace(tzinfo=dt.timezone(dt.timedelta(minutes=o["tz"])))


def sec_slug(a):
    return re.sub(r"[^a-z]+", "-", a["section"].lower()).strip("-")


def words(paras):
    return sum(len(p.split()) for p in paras if not p.startswith("## "))


# Inline markup in the sources: [text](@slug) links to another article of the same
# outlet, *text* is emphasis. LINK_PREFIX is "" inside pages (siblings) and "articles/"
# inside feed content (relative to the feed file).
SLUG_FILE = {}
LINK_PREFIX = [""]
LINK_RE = re.compile(r"\[([^\]]+)\]\(@([a-z0-9-]+)\)")
EM_RE = re.compile(r"\*([^*]+)\*")


def plain(p):
    return EM_RE.sub(r"\1", LINK_RE.sub(r"\1", p))


def inline(p):
    t = esc(p, quote=False)
    t = LINK_RE.sub(lambda m: '<a href="%s%s">%s</a>' % (LINK_PREFIX[0], SLUG_FILE[m.group(2)], m.group(1)), t)
    return EM_RE.sub(r"<em>\1</em>", t)


def para_html(p, style=None):
    if p.startswith("## "):
        return "<h2>%s</h2>" % inline(p[3:])
    if p.startswith("> "):
        return "<blockquote><p>%s</p></blockquote>" % inline(p[2:])
    return "<p>%s</p>" % inline(p)


def body_html(a, joiner="\n"):
    return joiner.join(para_html(p) for p in a["paras"])


def teaser(a):
    if a.get("summary"):
        return a["summary"]
    first = plain(a["paras"][0])
    first = re.sub(r"^[A-Z][A-Z .,'()A-Za-z-]*?\s[\u2014-]+\s", "", first, count=1)
    abbrev = ("a.m.", "p.m.", "Dr.", "St.", "Dec.", "Nov.", "Jan.", "Feb.", "Mr.", "Ms.")
    out = ""
    for m in re.finditer(r"[.!?][\u201d\"]?(?=\s|$)", first):
        cand = first[:m.end()]
        if cand.endswith(abbrev):
            continue
        out = cand
        if len(out) >= 80:
            break
    return out or first


def rfc822(t, style):
    if style == "gmt":
        t = t.astimezone(dt.timezone.utc)
        return t.strftime("%a, %d %b %Y %H:%M:%S GMT")
    if style == "utc":
        t = t.astimezone(dt.timezone.utc)
        return t.strftime("%a, %d %b %Y %H:%M:%S +0000")
    if style == "named":  # EST zone name, no seconds
        return t.strftime("%a, %d %b %Y %H:%M EST")
    if style == "noweekday":
        return t.strftime("%d %b %Y %H:%M:%S EST")
    return t.strftime("%a, %d %b %Y %H:%M:%S %z")


def rfc3339(t):
    s = t.isoformat()
    return s.replace("+00:00", "Z")


def human_date(t, style):
    if style == "us":
        return t.strftime("%B %-d, %Y at %-I:%M %p").replace("AM", "a.m.").replace("PM", "p.m.")
    if style == "short":
        return t.strftime("%d/%m/%Y %H:%M")
    if style == "long":
        return t.strftime("%A %-d %B %Y, %H:%M")
    return t.strftime("%b %-d, %Y %-I:%M%p").lower().capitalize()


# ---------------------------------------------------------------- shared boilerplate

def cookie_banner(variant):
    texts = [
        ("We use cookies to improve your experience, measure audiences and show you relevant "
         "advertising. You can change your choices at any time under Privacy settings.",
         "Accept all", "Reject non-essential", "Manage preferences"),
        ("This site uses cookies and similar technologies. Some are necessary for the site to "
         "work; others help us understand how you use it.", "OK, got it", "Decline", "Settings"),
        ("Your privacy matters. We and our 143 partners store and access information on your "
         "device for personalised ads and content, ad and content measurement.",
         "I agree", "Disagree", "More options"),
    ]
    t, a, r, m = texts[variant % len(texts)]
    return ('<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">'
            '<p>%s <a href="/privacy">Privacy policy</a></p>'
            '<button class="btn-accept">%s</button> <button class="btn-reject">%s</button> '
            '<a class="cookie-settings" href="/privacy/settings">%s</a></div>' % (t, a, r, m))


def share_bar(cls="share-buttons"):
    return ('<ul class="%s" aria-label="Share this article">'
            '<li><a class="share share--facebook" href="https://social.example/share?u=x">Share</a></li>'
            '<li><a class="share share--post" href="https://microblog.example/intent?text=x">Post</a></li>'
            '<li><a class="share share--mail" href="mailto:?subject=Read%%20this">Email</a></li>'
            '<li><button class="share share--copy">Copy link</button></li></ul>' % cls)


def newsletter(name, blurb):
    return ('<aside class="newsletter-signup"><h3>%s</h3><p>%s</p>'
            '<form action="/newsletter" method="post"><label for="nl-email">Email address</label>'
            '<input id="nl-email" name="email" type="email" placeholder="you@example.com">'
            '<button type="submit">Sign up</button></form>'
            '<p class="small">By signing up you agree to our terms. Unsubscribe at any time.</p></aside>'
            % (esc(name), esc(blurb)))


def ad_slot(n, label="Advertisement"):
    return ('<div class="ad-slot ad-slot--%d" data-ad-unit="/2231/news/article_%d">'
            '<span class="ad-label">%s</span><div class="ad-container" style="min-height:250px"></div></div>'
            % (n, n, label))


def link_list(items, cls):
    return '<ul class="%s">%s</ul>' % (cls, "".join(
        '<li><a href="%s">%s</a></li>' % (esc(h), esc(t, quote=False)) for h, t in items))


def related(a, pool, n=4):
    """Other articles of the same outlet: same group or section first."""
    same = [b for b in pool if b is not a and (b.get("group") and b.get("group") == a.get("group"))]
    sec = [b for b in pool if b is not a and b not in same and b["section"] == a["section"]]
    rest = [b for b in pool if b is not a and b not in same and b not in sec]
    pick = (same + sec + rest)[:n]
    return [(b["file"], b["title"]) for b in pick]


def most_read(a, pool, n=5):
    h = int(hashlib.md5(a["slug"].encode()).hexdigest(), 16)
    others = [b for b in pool if b is not a]
    start = h % max(1, len(others))
    pick = (others[start:] + others[:start])[:n]
    return [(b["file"], b["title"]) for b in pick]


def footer_links(home, extra=()):
    base = ["About us", "Contact", "Advertise", "Careers", "Terms of use", "Privacy policy",
            "Cookie settings", "Accessibility", "Corrections", "Subscribe", "Newsletters",
            "Archive", "RSS feeds", "Sitemap"] + list(extra)
    return link_list([(home + re.sub(r"[^a-z]+", "-", t.lower()).strip("-") + "/", t) for t in base],
                     "footer-links")


def figure(a, cls="lead-image", src_prefix="../", credit_cls="credit", lazy=False):
    kind, cap, credit = a["image"]
    return ('<figure class="%s"><img src="%s%s" alt="%s" width="%d" height="%d"%s>'
            '<figcaption>%s <span class="%s">%s</span></figcaption></figure>'
            % (cls, src_prefix, esc(a["img"]), esc(cap), a["img_w"], a["img_h"],
               ' loading="lazy"' if lazy else "", esc(cap, quote=False), credit_cls,
               esc(credit, quote=False)))


def canonical(a):
    o = OUTLETS[a["outlet"]]
    t = a["dt"]
    return "%s%s/%s" % (o["home"], t.strftime("%Y/%m/%d"), a["slug"])


def jsonld(a, publisher, accessible=True):
    o = OUTLETS[a["outlet"]]
    d = {"@context": "https://schema.org", "@type": "NewsArticle",
         "headline": a["title"], "description": teaser(a),
         "image": ["../" + a["img"]],
         "datePublished": rfc3339(a["dt"]), "dateModified": rfc3339(a["upd"]),
         "author": [{"@type": "Person", "name": n.strip()} for n in a["author"].split(" and ")],
         "publisher": {"@type": "Organization", "name": publisher, "url": o["home"]},
         "mainEntityOfPage": canonical(a), "articleSection": a["section"],
         "isAccessibleForFree": accessible, "wordCount": words(a["paras"])}
    return ('<script type="application/ld+json">%s</script>'
            % json.dumps(d, ensure_ascii=False, indent=1).replace("</", "<\\/"))


def og_meta(a, site, typ="article"):
    kind, cap, credit = a["image"]
    return "\n".join([
        '<meta property="og:type" content="%s">' % typ,
        '<meta property="og:site_name" content="%s">' % esc(site),
        '<meta property="og:title" content="%s">' % esc(a["title"]),
        '<meta property="og:description" content="%s">' % esc(teaser(a)),
        '<meta property="og:url" content="%s">' % esc(canonical(a)),
        '<meta property="og:image" content="../%s">' % esc(a["img"]),
        '<meta property="og:image:alt" content="%s">' % esc(cap),
        '<meta property="article:published_time" content="%s">' % rfc3339(a["dt"]),
        '<meta property="article:section" content="%s">' % esc(a["section"]),
        '<meta name="twitter:card" content="summary_large_image">'])


def updated_note(a):
    if a["upd"] == a["dt"]:
        return ""
    return ' <span class="updated">Updated <time datetime="%s">%s</time></span>' % (
        rfc3339(a["upd"]), human_date(a["upd"], "us"))


def page(lang, title, head, body, bodycls):
    return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<title>%s</title>\n%s\n</head>\n<body class="%s">\n%s\n</body>\n</html>\n'
            % (lang, esc(title, quote=False), head, bodycls, body))


TRACKER = ('<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}'
           'gtag("js",new Date());gtag("config","G-DEMO000");</script>\n'
           '<script async src="https://analytics.example/tag.js"></script>')

# ---------------------------------------------------------------- outlet templates


def t_gazette(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    nav = link_list([(home + s.lower().replace(" ", "-") + "/", s) for s in
                     ["News", "Port Alder", "Region", "World", "Business", "Sports", "Opinion",
                      "Arts & Life", "Obituaries", "Weather", "Puzzles", "e-Edition"]], "main-nav__list")
    head = "\n".join([
        '<link rel="canonical" href="%s">' % canonical(a),
        '<meta name="description" content="%s">' % esc(teaser(a)),
        '<meta name="author" content="%s">' % esc(a["author"]),
        og_meta(a, o["name"]), jsonld(a, o["name"]),
        '<link rel="stylesheet" href="https://static.harborgazette.example/css/site.3f9a.css">', TRACKER])
    paras = [smart(p) for p in a["paras"]]
    body_parts = []
    for i, p in enumerate(paras):
        body_parts.append(para_html(p))
        if i == 2:
            body_parts.append(ad_slot(2))
        if i == 4:
            body_parts.append('<div class="inline-promo"><strong>Read more:</strong> '
                              '<a href="%s">%s</a></div>' % (esc(related(a, pool, 1)[0][0]),
                                                             esc(related(a, pool, 1)[0][1], quote=False)))
    body = """<a class="skip-link" href="#main">Skip to content</a>
%s
<div class="top-bar"><span class="top-bar__date">%s</span> <span class="weather-widget">Port Alder 8&deg;C, showers</span> <a href="%ssubscribe/">Subscribe for $1</a> <a href="%saccount/login/">Log in</a></div>
<header class="site-header"><a class="logo" href="%s"><img src="../images/logo.png" alt="The Harbor Gazette" width="144" height="144"></a>
<nav class="main-nav" aria-label="Sections">%s</nav>
<form class="search" action="/search"><input name="q" type="search" placeholder="Search"></form></header>
%s
<main id="main">
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="%s">Home</a> &rsaquo; <a href="%s%s/">%s</a></nav>
<article class="story">
<header class="story__header"><span class="kicker">%s</span>
<h1 class="story__headline">%s</h1>
<p class="byline">By <a rel="author" href="%sstaff/%s/">%s</a> <span class="byline__role">%s</span></p>
<time class="story__time" datetime="%s">Published %s</time>
%s</header>
%s
<div class="article-body" itemprop="articleBody">
%s
</div>
<footer class="story__footer"><p class="story__tags">Topics: %s</p>
<p class="correction-note">Spotted an error? <a href="%scorrections/">Tell us</a>.</p></footer>
</article>
%s
<section class="comments" id="comments"><h2>Comments</h2><p>Comments are open to subscribers. <a href="%saccount/login/">Log in</a> to join the conversation. Please read our <a href="%scommunity-guidelines/">community guidelines</a>.</p><div class="comments__embed" data-thread-id="%s"></div></section>
<aside class="related"><h2>Related stories</h2>%s</aside>
</main>
<aside class="rail"><section class="most-read"><h2>Most read</h2>%s</section>%s%s</aside>
<footer class="site-footer"><p class="site-footer__brand">The Harbor Gazette &middot; 400 Quay Street, Port Alder</p>%s<p class="copyright">%s</p></footer>
""" % (cookie_banner(0), human_date(a["dt"], "long"), home, home, home, nav, ad_slot(1),
       home, home, sec_slug(a), esc(a["section"]), esc(a["section"]),
       esc(smart(a["title"]), quote=False), home, re.sub(r"\W+", "-", a["author"].lower()),
       esc(a["author"]), "Staff writer" if "Wire" not in a["author"] else "",
       rfc3339(a["dt"]), human_date(a["dt"], "us"), share_bar(),
       figure(a), "\n".join(body_parts), esc(", ".join(a.get("tags", ())) or a["section"]), home,
       newsletter("The Morning Tide", "The day's Port Alder news in your inbox at 6 a.m."),
       home, home, a["guid"], link_list(related(a, pool), "related__list"),
       link_list(most_read(a, pool), "most-read__list"), ad_slot(3), ad_slot(4),
       footer_links(home, ["Buy photos", "Obituary notices", "Manage subscription"]), esc(o["copyright"]))
    return page("en-US", "%s | The Harbor Gazette" % smart(a["title"]), head, body, "article-page section-" + sec_slug(a))


def t_wire(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    head = "\n".join([
        '<link rel="canonical" href="%s">' % canonical(a),
        '<meta name="description" content="%s">' % esc(teaser(a)),
        og_meta(a, "Meridian Wire"), jsonld(a, "Meridian Wire Service"),
        '<link rel="stylesheet" href="/assets/wire.css">'])
    body = """<div class="licence-bar">Meridian Wire content is for subscribing newsrooms. <a href="%slicensing/">Licensing</a> &middot; <a href="%sclient-login/">Client login</a></div>
<header class="masthead"><a href="%s" class="masthead__logo">MERIDIAN WIRE</a>
<nav><ul><li><a href="%snational/">National</a></li><li><a href="%sworld/">World</a></li><li><a href="%sbusiness/">Business</a></li><li><a href="%ssport/">Sport</a></li><li><a href="%sscience/">Science</a></li><li><a href="%sphotos/">Photos</a></li><li><a href="%sfactcheck/">Fact check</a></li></ul></nav></header>
%s
<main>
<div class="wire-meta"><span class="slug">%s</span> <span class="priority">Priority: routine</span> <span class="words">%d words</span></div>
<article class="wire-story" data-story-id="%s">
<h1>%s</h1>
<div class="wire-byline">By %s</div>
<div class="wire-dates"><time datetime="%s">%s UTC</time>%s</div>
%s
<div class="story-text">
%s
</div>
<p class="wire-end">&mdash; Meridian Wire</p>
</article>
%s
<section class="more-wire"><h2>More from the wire</h2>%s</section>
<section class="trending"><h2>Trending</h2>%s</section>
</main>
<footer><p>Meridian Wire Service Cooperative &middot; Castellan newsroom</p>%s<p class="copyright">%s</p></footer>
""" % (home, home, home, home, home, home, home, home, home, home, cookie_banner(1),
       esc(a["section"].upper() + "-" + a["slug"].split("-")[0].upper()), words(a["paras"]), a["guid"],
       esc(a["title"], quote=False), esc(a["author"]), rfc3339(a["dt"]),
       a["dt"].strftime("%d %b %Y %H:%M"), updated_note(a), figure(a, "wire-photo", credit_cls="photo-credit"),
       body_html(a), share_bar("wire-share"), link_list(related(a, pool), "more-wire__list"),
       link_list(most_read(a, pool), "trending__list"), footer_links(home), esc(o["copyright"]))
    return page("en", "%s - Meridian Wire" % a["title"], head, body, "wire")


def t_ncpr(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    head = "\n".join([
        '<meta name="description" content="%s">' % esc(teaser(a)),
        '<meta name="author" content="%s">' % esc(a["author"]),
        og_meta(a, "Northcoast Public Radio"),
        '<link rel="canonical" href="%s">' % canonical(a),
        '<link rel="stylesheet" href="/static/ncpr.min.css">'])
    body = """<div id="page">
<div id="donate-banner"><p>Northcoast Public Radio is listener-supported. <a href="%sdonate/">Donate now</a> and get the 2027 tote bag.</p></div>
<div id="header"><div class="logo"><a href="%s">NCPR 89.7 FM</a></div>
<div class="live-player"><button class="play">Listen live</button> <span class="now-playing">Morning Edition</span></div>
<ul id="menu"><li><a href="%snews/">News</a></li><li><a href="%snews/region/">Region</a></li><li><a href="%snews/nation-world/">Nation &amp; World</a></li><li><a href="%spodcasts/">Podcasts</a></li><li><a href="%sschedule/">Schedule</a></li><li><a href="%smusic/">Music</a></li><li><a href="%sevents/">Events</a></li><li><a href="%sabout/">About</a></li><li><a href="%sdonate/">Support</a></li></ul></div>
%s
<div id="content"><div class="crumbs"><a href="%s">Home</a> / <a href="%snews/">News</a> / <span>%s</span></div>
<div class="story">
<h1 class="story-title">%s</h1>
<div class="story-meta"><span class="author">%s</span> | <span class="date">%s</span>%s</div>
<div class="audio-module"><button>Listen &middot; 3:12</button> <a href="%saudio/%s.mp3">Download audio</a></div>
%s
%s
<div class="story-body">
%s
</div>
<div class="support-box"><p>Local journalism like this is made possible by listeners like you. <a href="%sdonate/">Become a member</a>.</p></div>
</div>
<div class="sidebar"><h3>Related</h3>%s<h3>Popular on ncpr.example</h3>%s%s</div>
<div id="disqus_thread" class="comments"><noscript>Please enable JavaScript to view the comments.</noscript></div>
</div>
<div id="footer"><p>Northcoast Public Radio &middot; 89.7 FM Port Alder &middot; 91.3 FM Lindenfeld &middot; 88.1 FM Holm Island</p>%s<p>%s</p></div>
</div>
""" % (home, home, home, home, home, home, home, home, home, home, home, cookie_banner(2), home, home,
       esc(a["section"]), esc(a["title"], quote=False), esc(a["author"]),
       human_date(a["dt"], "us"), updated_note(a), home, a["slug"], share_bar("share-tools"),
       figure(a, "story-image", credit_cls="image-credit"),
       body_html(a), home, link_list(related(a, pool), "related-links"),
       link_list(most_read(a, pool), "popular"),
       newsletter("NCPR Daily", "A short, calm summary of Northcoast news every weekday."),
       footer_links(home, ["FCC public file", "Annual report", "Volunteer"]), esc(o["copyright"]))
    return page("en", "%s :: NCPR" % a["title"], head, body, "node-type-story")


def t_courier(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    head = "\n".join([
        '<meta name="description" content="%s">' % esc(teaser(a)),
        '<meta name="keywords" content="%s">' % esc(", ".join(a.get("tags", ()))),
        '<link rel="shortcut icon" href="/favicon.ico">',
        '<link type="text/css" rel="stylesheet" href="/sites/all/themes/courier/style.css?q7">'])
    items = []
    for p in a["paras"]:
        if p.startswith("## "):
            items.append('<p class="subhead"><strong>%s</strong></p>' % esc(p[3:], quote=False))
        else:
            items.append("<p>%s</p>" % inline(p.lstrip("> ")))
    body = """<div id="wrapper"><div id="top-links"><a href="%s">Home</a> | <a href="%sclassifieds">Classifieds</a> | <a href="%sobituaries">Obituaries</a> | <a href="%sepaper">E-Paper</a> | <a href="%ssubscribe">Subscribe</a> | <a href="%scontact">Contact</a></div>
<div id="header"><div id="logo"><a href="%s">The Valley Courier</a></div><div id="tagline">Serving Lindenfeld and the Alder Valley since 1889</div>%s</div>
<div id="navigation"><ul class="menu"><li class="first"><a href="%snews">News</a></li><li><a href="%slocal">Local</a></li><li><a href="%sfarm">Farm &amp; Ranch</a></li><li><a href="%ssports">Sports</a></li><li><a href="%sschools">Schools</a></li><li><a href="%sopinion">Opinion</a></li><li><a href="%scommunity">Community</a></li><li class="last"><a href="%scalendar">Calendar</a></li></ul></div>
%s
<div id="main"><div id="content-area">
<div class="breadcrumb"><a href="%s">Home</a> &raquo; <a href="%s%s">%s</a></div>
<div class="node node-article">
<h2 class="title">%s</h2>
<div class="submitted">Posted %s by <span class="username">%s</span></div>
<div class="field field-image">%s</div>
<div class="content"><div class="field-body">
%s
</div></div>
<div class="links"><ul class="links inline"><li class="print"><a href="?print=1">Printer-friendly version</a></li><li class="email"><a href="mailto:?subject=Courier">Send to friend</a></li></ul></div>
%s
</div>
<div id="comments"><h3>Reader comments (0)</h3><p>Comments are moderated and will appear after approval.</p><form action="/comment/reply" method="post"><textarea name="comment" rows="4" cols="50"></textarea><br><input type="submit" value="Post comment"></form></div>
</div>
<div id="sidebar-right"><div class="block"><h3>More headlines</h3>%s</div><div class="block block-ad">%s</div><div class="block"><h3>Most popular</h3>%s</div><div class="block"><h3>Weather</h3><p>Lindenfeld: 4&deg;C, clear. Tonight -2&deg;C.</p></div></div>
</div>
<div id="footer">%s<p>%s</p><p>The Valley Courier, 12 Mill Road, Lindenfeld. Phone (555) 010-4400.</p></div></div>
""" % (home, home, home, home, home, home, home, ad_slot(1, "ADVERTISEMENT"), home, home, home, home,
       home, home, home, home, cookie_banner(1), home, home, sec_slug(a), esc(a["section"]),
       esc(a["title"], quote=False), human_date(a["dt"], "short"), esc(a["author"]),
       figure(a, "image-lead", credit_cls="photographer"), "\n".join(items), share_bar("addthis_toolbox"),
       link_list(related(a, pool), "item-list"), ad_slot(2, "ADVERTISEMENT"),
       link_list(most_read(a, pool), "item-list popular"), footer_links(home), esc(o["copyright"]))
    return page("en", "%s | The Valley Courier" % a["title"], head, body, "not-front page-node")


def t_ledger(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    head = "\n".join([
        '<link rel="canonical" href="%s">' % canonical(a),
        '<meta name="author" content="%s">' % esc(a["author"]),
        '<meta name="description" content="%s">' % esc(teaser(a)),
        og_meta(a, o["name"]), jsonld(a, o["name"], accessible=False), TRACKER])
    paras = [smart(p) for p in a["paras"]]
    body = """<header class="header"><div class="header__ticker" aria-label="Markets"><span>CXI 8,412.6 <b class="up">+0.4%%</b></span> <span>NCX Small Caps 1,203.9 <b class="down">-0.2%%</b></span> <span>10Y 4.61%%</span> <span>Brent 71.20</span> <span>USD/CRN 1.0842</span></div>
<div class="header__brand"><a href="%s">Alder Business Ledger</a></div>
<nav class="header__nav"><a href="%smarkets/">Markets</a> <a href="%scompanies/">Companies</a> <a href="%seconomy/">Economy</a> <a href="%sproperty/">Property</a> <a href="%stech/">Tech</a> <a href="%swork/">Work &amp; careers</a> <a href="%sopinion/">Opinion</a> <a href="%sdata/">Data</a></nav>
<div class="header__account"><a href="%ssubscribe/">Subscribe</a> <a href="%ssignin/">Sign in</a></div></header>
%s
<div class="layout">
<ol class="breadcrumbs"><li><a href="%s">Ledger</a></li><li><a href="%s%s/">%s</a></li></ol>
<section class="article">
<div class="article__header"><p class="article__kicker">%s</p><h1 class="article__title">%s</h1><p class="article__standfirst">%s</p>
<div class="article__byline">%s &middot; <time datetime="%s">%s</time> &middot; %d min read</div></div>
%s
<section class="article__content"><div class="post__text">
%s
</div></section>
<div class="paywall-note">You are reading one of your 3 free articles this month. <a href="%ssubscribe/">Subscribe for full access</a>.</div>
<div class="article__share">%s</div>
</section>
<aside class="sidebar"><div class="widget widget--related"><h4>Related coverage</h4>%s</div>%s<div class="widget widget--popular"><h4>Most read</h4>%s</div>%s</aside>
</div>
<footer class="footer">%s<p class="footer__legal">%s</p></footer>
""" % (home, home, home, home, home, home, home, home, home, home, home, cookie_banner(0), home, home,
       sec_slug(a), esc(a["section"]), esc(a["section"]), esc(smart(a["title"]), quote=False),
       esc(smart(teaser(a)), quote=False), esc(a["author"]), rfc3339(a["dt"]),
       a["dt"].astimezone(dt.timezone.utc).strftime("%-d %b %Y, %H:%M GMT"),
       max(1, words(a["paras"]) // 200), figure(a, "article__figure", credit_cls="article__credit"),
       "\n".join(para_html(p) for p in paras), home, share_bar(), link_list(related(a, pool), "list"),
       ad_slot(1, "Sponsored"), link_list(most_read(a, pool), "list list--numbered"),
       newsletter("Ledger Morning Brief", "Markets, deals and the economy, before the opening bell."),
       footer_links(home, ["Reprints & permissions", "Ledger Events", "Ledger Jobs"]), esc(o["copyright"]))
    return page("en-GB", "%s | Alder Business Ledger" % smart(a["title"]), head, body, "page page--article")


def t_circuit(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    head = "\n".join([
        '<link rel="canonical" href="%s">' % canonical(a),
        og_meta(a, "Circuit & Cell"), jsonld(a, "Circuit & Cell"),
        '<meta name="generator" content="WordPress 6.6.2">',
        "<link rel='stylesheet' id='theme-css' href='%swp-content/themes/circuit/style.css?ver=4.1' media='all'>" % home])
    rt = max(1, words(a["paras"]) // 230)
    body = """<div id="page" class="site"><a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="%s" rel="home">Circuit &amp; Cell</a></p><p class="site-description">Science and technology, explained without the hype</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="%scategory/science/">Science</a></li><li><a href="%scategory/space/">Space</a></li><li><a href="%scategory/energy/">Energy</a></li><li><a href="%scategory/security/">Security</a></li><li><a href="%scategory/gadgets/">Gadgets</a></li><li><a href="%sreviews/">Reviews</a></li><li><a href="%spodcast/">Podcast</a></li><li><a href="%ssupport-us/">Support us</a></li></ul></nav></header>
%s
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-%s" class="post type-post status-publish format-standard has-post-thumbnail hentry category-%s">
<header class="entry-header"><div class="cat-links"><a href="%scategory/%s/" rel="category tag">%s</a></div>
<h1 class="entry-title">%s</h1>
<div class="entry-meta"><span class="byline">by <span class="author vcard"><a class="url fn n" href="%sauthor/%s/">%s</a></span></span> <span class="posted-on"><time class="entry-date published" datetime="%s">%s</time></span> <span class="reading-time">%d min read</span></div></header>
<div class="post-thumbnail">%s</div>
<div class="entry-content">
%s
<div class="wp-block-group support-cta"><p><strong>Circuit &amp; Cell is reader-funded.</strong> No paywall, no trackers beyond the basics. <a href="%ssupport-us/">Chip in</a>.</p></div>
</div>
<footer class="entry-footer"><span class="tags-links">Tagged %s</span>%s</footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">%s</div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">Discussion</h2><p class="no-comments">Be the first to comment.</p><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form action="%swp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent posts</h2>%s</section><section class="widget widget_newsletter">%s</section><section class="widget widget_popular"><h2 class="widget-title">Popular this week</h2>%s</section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">%s<p>%s</p><p>Proudly powered by a CMS.</p></div></footer></div>
""" % (home, home, home, home, home, home, home, home, home, cookie_banner(1), a["guid"].split("/")[-1],
       sec_slug(a), home, sec_slug(a), esc(a["section"]), esc(smart(a["title"]), quote=False),
       home, re.sub(r"\W+", "-", a["author"].lower()), esc(a["author"]), rfc3339(a["dt"]),
       human_date(a["dt"], "mdY"), rt, figure(a, "wp-block-image size-large", credit_cls="photo-credit"),
       "\n".join(para_html(smart(p)) for p in a["paras"]), home,
       esc(", ".join(a.get("tags", ()))), share_bar("sharedaddy sd-sharing-enabled"),
       "".join('<div class="nav-%s"><a href="%s" rel="%s">%s</a></div>' % (c, esc(h), r, esc(t, quote=False))
               for (h, t), c, r in zip(related(a, pool, 2), ("previous", "next"), ("prev", "next"))),
       home, link_list(related(a, pool, 5), "recent"),
       newsletter("The Weekly Cell", "One email on Fridays: the science and tech stories worth your time."),
       link_list(most_read(a, pool), "popular-posts"), footer_links(home), esc(o["copyright"]))
    return page("en-US", "%s \u2013 Circuit & Cell" % smart(a["title"]), head, body,
                "post-template-default single single-post single-format-standard")


def t_touchline(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    head = "\n".join([
        '<meta name="description" content="%s">' % esc(teaser(a)),
        og_meta(a, "Touchline Northcoast"),
        '<link rel="canonical" href="%s">' % canonical(a),
        '<link rel="preload" as="font" href="/fonts/condensed-bold.woff2" crossorigin>', TRACKER])
    body = """<div class="c-scores-strip" aria-label="Latest scores"><span>Mariners 2&ndash;1 Rovers (FT)</span> <span>Pelicans 98&ndash;91 Stags</span> <span>Ashcombe Ath. 3&ndash;0 Holm Island</span> <a href="%sscores/">All scores &rsaquo;</a></div>
<header class="c-header"><a class="c-header__logo" href="%s">TOUCHLINE</a>
<nav class="c-header__nav"><a href="%sfootball/">Football</a> <a href="%sbasketball/">Basketball</a> <a href="%srowing/">Rowing</a> <a href="%sathletics/">Athletics</a> <a href="%scricket/">Cricket</a> <a href="%swomens-sport/">Women's sport</a> <a href="%sfixtures/">Fixtures</a> <a href="%stables/">Tables</a> <a href="%sfantasy/">Fantasy league</a></nav></header>
%s
<main class="l-main">
<div class="c-breadcrumbs"><a href="%s">Touchline</a> <span>/</span> <a href="%s%s/">%s</a></div>
<div class="c-article">
<h1 class="c-article__title">%s</h1>
<div class="c-article__meta"><span class="c-article__author">%s</span> <span class="c-article__date">%s</span></div>
%s
%s
<div class="c-article__body post__text">
%s
</div>
<div class="c-promo c-promo--fantasy"><strong>Play Touchline Fantasy</strong> &mdash; pick your Coastal League XI for matchday 15. Free to enter. <a href="%sfantasy/">Play now</a></div>
</div>
<div class="c-comments"><h3>Fan zone</h3><p><a href="%sfanzone/login/">Sign in</a> to comment. 214 fans are talking about this.</p></div>
<section class="c-more"><h3>More football</h3>%s</section>
<section class="c-trending"><h3>Trending</h3>%s</section>
%s
</main>
<footer class="c-footer">%s<p>%s</p><p>Please gamble responsibly is not a message you will find here: we carry no betting ads.</p></footer>
""" % (home, home, home, home, home, home, home, home, home, home, home, cookie_banner(2), home, home,
       sec_slug(a), esc(a["section"]), esc(a["title"], quote=False), esc(a["author"]),
       human_date(a["dt"], "us"), share_bar("c-share"),
       figure(a, "c-article__image", credit_cls="c-article__credit"), body_html(a), home, home,
       link_list(related(a, pool), "c-list"), link_list(most_read(a, pool), "c-list c-list--numbered"),
       ad_slot(1), footer_links(home), esc(o["copyright"]))
    return page("en", "%s | Touchline" % a["title"], head, body, "t-article")


COMMENTERS = [("Margo from Tern St", "Thanks for writing this up. We had the same thing on our block."),
              ("Dev K.", "Does anyone know if the council will publish the full list? I couldn't find it on their site."),
              ("old_harbour_hand", "Been here 40 years and never seen anything like it."),
              ("Lucy P", "Great photos as always!"),
              ("B. Okonjo", "Small correction: the community hall entrance is on Gull Lane, not Marine Parade.")]


def t_blog(a, pool):
    o = OUTLETS[a["outlet"]]
    home = o["home"]
    h = int(hashlib.md5(a["slug"].encode()).hexdigest(), 16)
    ncom = 2 + h % 3
    comments = "".join(
        '<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">%s</b> '
        '<span class="says">says:</span> <time>%s</time></footer><div class="comment-content"><p>%s</p></div>'
        '<a class="comment-reply-link" href="#respond">Reply</a></article></li>'
        % (esc(n), (a["dt"] + dt.timedelta(hours=2 + i * 3)).strftime("%B %-d, %Y at %-I:%M %p"), esc(t))
        for i, (n, t) in enumerate((COMMENTERS[h % 5:] + COMMENTERS[:h % 5])[:ncom]))
    head = "\n".join([
        "<meta name='robots' content='index, follow, max-image-preview:large'>",
        '<link rel="canonical" href="%s%s/">' % (home, a["slug"]),
        '<meta property="og:title" content="%s">' % esc(a["title"]),
        '<meta property="og:image" content="../%s">' % esc(a["img"])])
    body = """<div id="page" class="hfeed site">
<header id="masthead" class="site-header"><h1 class="site-title"><a href="%s" rel="home">Kestrel Bay Notes</a></h1><h2 class="site-description">News, notices and gossip from the bay since 2014</h2>
<nav id="site-navigation"><button class="menu-toggle">Menu</button><ul class="nav-menu"><li><a href="%s">Home</a></li><li><a href="%scategory/news/">News</a></li><li><a href="%scategory/council/">Council watch</a></li><li><a href="%scategory/food/">Eat &amp; drink</a></li><li><a href="%scategory/nature/">Nature</a></li><li><a href="%snotices/">Notices</a></li><li><a href="%sabout/">About</a></li></ul></nav></header>
<div id="main" class="wrapper"><div id="primary" class="site-content"><div id="content" role="main">
<div class="post hentry">
<h1 class="entry-title">%s</h1>
<div class="entry-meta">Posted on <a href="%s%s/" rel="bookmark"><time class="entry-date" datetime="%s">%s</time></a> by <span class="author vcard">%s</span></div>
<div class="entry-content">
%s
%s
</div>
<div class="entry-utility">Filed under <a href="%scategory/%s/">%s</a>. %s</div>
</div>
<div id="comments" class="comments-area"><h2 class="comments-title">%d thoughts on &ldquo;%s&rdquo;</h2><ol class="comment-list">%s</ol>
<div id="respond"><h3>Leave a Reply</h3><p class="comment-notes">Your email address will not be published.</p><form id="commentform" action="%swp-comments-post.php" method="post"><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div></div>
</div></div>
<div id="secondary" class="widget-area"><aside class="widget"><h3 class="widget-title">Search</h3><form action="/"><input type="search" name="s"></form></aside><aside class="widget"><h3 class="widget-title">Recent Posts</h3>%s</aside><aside class="widget"><h3 class="widget-title">Tide times</h3><p>High 06:12 (4.1 m), 18:40 (3.9 m). Low 00:05, 12:28.</p></aside><aside class="widget widget_text"><h3 class="widget-title">Support the blog</h3><p>Kestrel Bay Notes is run by volunteers. Ads from local businesses keep the lights on: <a href="%sadvertise/">advertise with us</a>.</p>%s</aside>%s</div>
</div>
<footer id="colophon"><p>%s</p><p><a href="%sfeed/">RSS</a> &middot; <a href="%scontact/">Contact</a> &middot; <a href="%sprivacy/">Privacy</a> &middot; Theme: Twenty Twelve</p></footer></div>
""" % (home, home, home, home, home, home, home, home, esc(a["title"], quote=False), home, a["slug"],
       rfc3339(a["dt"]), a["dt"].strftime("%B %-d, %Y"), esc(a["author"]),
       figure(a, "wp-caption aligncenter", credit_cls="wp-caption-credit"), body_html(a), home,
       sec_slug(a), esc(a["section"]), share_bar("share-links"), ncom, esc(a["title"]),
       comments, home, link_list(related(a, pool, 5), "recent-posts"), home, ad_slot(1, "Local ad"),
       newsletter("Bay bulletin", "New posts by email. No spam, just the bay."), esc(o["copyright"]),
       home, home, home)
    return page("en-US", "%s | Kestrel Bay Notes" % a["title"], head, body,
                "single single-post postid-%s" % a["guid"].split("=")[-1])


TEMPLATES = {"harbor-gazette": t_gazette, "meridian-wire": t_wire, "ncpr": t_ncpr,
             "valley-courier": t_courier, "alder-ledger": t_ledger, "circuit-and-cell": t_circuit,
             "touchline": t_touchline, "kestrel-notes": t_blog}

# ---------------------------------------------------------------- feeds


def x(s):
    return esc(s, quote=False)


def feed_title_xml(a):
    return a.get("feed_title") or x(a["title"])


def rss2(key, feed, items):
    o = OUTLETS[key]
    fname, ftitle = o["feeds"][feed]
    style = {"harbor-gazette": "num", "alder-ledger": "gmt", "touchline": "named",
             "kestrel-notes": "utc"}[key]
    out = ['<?xml version="1.0" encoding="%s"?>' % o["encoding"],
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" '
           'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">',
           "<channel>", "<title>%s</title>" % x(ftitle), "<link>%s</link>" % o["home"],
           "<description>%s</description>" % x(o["kind"][0].upper() + o["kind"][1:]),
           "<language>en</language>", "<copyright>%s</copyright>" % x(o["copyright"]),
           "<lastBuildDate>%s</lastBuildDate>" % rfc822(BUILD_TIME, "gmt"),
           "<generator>herald demo builder</generator>", "<ttl>30</ttl>",
           "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>",
           "<image><url>images/logo.png</url><title>%s</title><link>%s</link></image>" % (x(o["name"]), o["home"])]
    for i, a in enumerate(items):
        out.append("<item>")
        out.append("<title>%s</title>" % feed_title_xml(a))
        out.append("<link>%s</link>" % x(a["file_feed"]))
        out.append('<guid isPermaLink="false">%s</guid>' % x(a["guid"]))
        if not a.get("nodate"):
            st = "noweekday" if (style == "named" and i % 3 == 1) else style
            out.append("<pubDate>%s</pubDate>" % rfc822(a["dt"], st))
        out.append("<dc:creator>%s</dc:creator>" % x(a["author"]))
        for t in (a["section"],) + tuple(a.get("tags", ())):
            out.append("<category>%s</category>" % x(t))
        kind, cap, credit = a["image"]
        if o["full"]:
            out.append("<description>%s</description>" % x(teaser(a)))
            content = body_html(a)
            if key == "kestrel-notes":
                content = ('<p><img src="%s" width="%d" height="%d" alt="%s"></p><p class="wp-caption-text">%s</p>\n'
                           % (esc(a["img"]), a["img_w"], a["img_h"], esc(cap), x(cap + " " + credit))) + content
            out.append("<content:encoded><![CDATA[%s]]></content:encoded>" % content)
        else:
            out.append("<description>%s</description>" % x(teaser(a)))
        if key == "harbor-gazette":
            out.append('<media:content url="%s" medium="image" type="image/png" width="%d" height="%d">'
                       '<media:description type="plain">%s</media:description><media:credit>%s</media:credit>'
                       '</media:content>' % (esc(a["img"]), a["img_w"], a["img_h"], x(cap), x(credit)))
        elif key == "alder-ledger":
            out.append('<enclosure url="%s" length="%d" type="image/png"/>' % (esc(a["img"]), a["img_size"]))
        elif key == "touchline":
            out.append('<media:thumbnail url="%s" width="%d" height="%d"/>' % (esc(a["img"]), a["img_w"], a["img_h"]))
            out.append('<enclosure url="%s" length="%d" type="image/png"/>' % (esc(a["img"]), a["img_size"]))
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom(key, feed, items):
    o = OUTLETS[key]
    fname, ftitle = o["feeds"][feed]
    ncpr = key == "ncpr"
    dom = re.sub(r"^https?://(www\.)?|/$", "", o["home"])
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en">',
           "<title>%s</title>" % x(ftitle),
           "<subtitle>%s</subtitle>" % x(o["kind"][0].upper() + o["kind"][1:]),
           '<link rel="alternate" type="text/html" href="%s"/>' % o["home"],
           '<link rel="self" type="application/atom+xml" href="%s"/>' % fname,
           "<id>tag:%s,2026:feed/%s</id>" % (dom, feed),
           "<updated>%s</updated>" % rfc3339(max(a["dt"] for a in items).astimezone(dt.timezone.utc)),
           "<rights>%s</rights>" % x(o["copyright"]), "<logo>images/logo.png</logo>",
           '<generator uri="https://herald.example/">herald demo builder</generator>']
    for i, a in enumerate(items):
        kind, cap, credit = a["image"]
        if ncpr:
            out.append('<entry xml:base="articles/">')
            href = a["file"]
            img = "../" + a["img"]
        else:
            out.append("<entry>")
            href, img = a["file_feed"], a["img"]
        out.append('<title type="text">%s</title>' % x(a["title"]))
        out.append('<link rel="alternate" type="text/html" href="%s"/>' % esc(href))
        out.append('<link rel="enclosure" type="image/png" length="%d" href="%s" title="%s"/>'
                   % (a["img_size"], esc(img), esc(cap)))
        out.append("<id>%s</id>" % x(a["guid"]))
        out.append("<published>%s</published>" % rfc3339(a["dt"]))
        out.append("<updated>%s</updated>" % rfc3339(a["upd"]))
        for n in a["author"].split(" and "):
            out.append("<author><name>%s</name></author>" % x(n))
        out.append('<category term="%s" label="%s"/>' % (esc(sec_slug(a)), esc(a["section"])))
        for t in a.get("tags", ()):
            out.append('<category term="%s"/>' % esc(t))
        out.append('<summary type="text">%s</summary>' % x(teaser(a)))
        if o["full"]:
            if i == 0:
                out.append('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s</div></content>'
                           % body_html(a))
            else:
                out.append('<content type="html">%s</content>' % x(body_html(a)))
            out.append('<media:thumbnail url="%s" width="%d" height="%d"/>' % (esc(img), a["img_w"], a["img_h"]))
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def rss1(key, feed, items):
    o = OUTLETS[key]
    fname, ftitle = o["feeds"][feed]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">',
           '<channel rdf:about="%s">' % o["home"], "<title>%s</title>" % x(ftitle),
           "<link>%s</link>" % o["home"], "<description>%s</description>" % x(o["kind"][0].upper() + o["kind"][1:]),
           "<dc:language>en-us</dc:language>", "<dc:rights>%s</dc:rights>" % x(o["copyright"]),
           "<dc:date>%s</dc:date>" % rfc3339(BUILD_TIME), "<sy:updatePeriod>daily</sy:updatePeriod>",
           '<image rdf:resource="images/logo.png"/>', "<items><rdf:Seq>"]
    out += ['<rdf:li rdf:resource="%s"/>' % esc(a["file_feed"]) for a in items]
    out += ["</rdf:Seq></items>", "</channel>",
            '<image rdf:about="images/logo.png"><title>%s</title><url>images/logo.png</url><link>%s</link></image>'
            % (x(o["name"]), o["home"])]
    for a in items:
        out.append('<item rdf:about="%s">' % esc(a["file_feed"]))
        out.append("<title>%s</title>" % x(a["title"]))
        out.append("<link>%s</link>" % x(a["file_feed"]))
        out.append("<description>%s</description>" % x(teaser(a)))
        out.append("<dc:creator>%s</dc:creator>" % x(a["author"]))
        out.append("<dc:date>%s</dc:date>" % rfc3339(a["dt"]))
        out.append("<dc:subject>%s</dc:subject>" % x(a["section"]))
        out.append("</item>")
    out += ["</rdf:RDF>", ""]
    return "\n".join(out)


def jsonfeed(key, feed, items):
    o = OUTLETS[key]
    fname, ftitle = o["feeds"][feed]
    d = {"version": "https://jsonfeed.org/version/1.1", "title": ftitle, "home_page_url": o["home"],
         "description": "The latest stories from the Meridian Wire newsroom in Castellan.",
         "icon": "images/logo.png", "language": "en", "authors": [{"name": "Meridian Wire"}],
         "items": []}
    for a in items:
        kind, cap, credit = a["image"]
        d["items"].append({
            "id": a["guid"], "url": a["file_feed"], "title": a["title"], "summary": teaser(a),
            "content_html": body_html(a), "image": a["img"],
            "date_published": rfc3339(a["dt"].astimezone(dt.timezone.utc)),
            "date_modified": rfc3339(a["upd"].astimezone(dt.timezone.utc)),
            "authors": [{"name": n} for n in a["author"].split(" and ")],
            "tags": [a["section"]] + list(a.get("tags", ())),
            "attachments": [{"url": a["img"], "mime_type": "image/png", "title": cap + " " + credit,
                             "size_in_bytes": a["img_size"]}]})
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


WRITERS = {"rss2": rss2, "atom": atom, "rss1": rss1, "json": jsonfeed}

LOGO_COLORS = {"harbor-gazette": (20, 50, 90), "meridian-wire": (180, 30, 40), "ncpr": (0, 110, 120),
               "valley-courier": (90, 60, 30), "alder-ledger": (200, 120, 140), "circuit-and-cell": (40, 40, 40),
               "touchline": (10, 120, 60), "kestrel-notes": (70, 120, 180)}

# ---------------------------------------------------------------- main


WRITTEN = set()


def write(path, data, encoding="utf-8"):
    WRITTEN.add(os.path.abspath(path))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding, errors="xmlcharrefreplace")
    old = None
    if os.path.exists(path):
        with open(path, "rb") as f:
            old = f.read()
    if old != data:
        with open(path, "wb") as f:
            f.write(data)


def main():
    arts = articles.load()
    seen = set()
    for n, a in enumerate(arts):
        o = OUTLETS[a["outlet"]]
        a["dt"] = when(a)
        a["upd"] = when(a, a["updated"]) if a.get("updated") else a["dt"]
        if a["outlet"] in SMART:
            a["paras"] = [smart(p) for p in a["paras"]]
            a["title"] = smart(a["title"])
            a["image"] = (a["image"][0], smart(a["image"][1]), smart(a["image"][2]))
        day = a["dt"].strftime("%Y-%m-%d")
        a["file"] = "%s-%s.html" % (day, a["slug"])
        a["file_feed"] = "articles/" + a["file"]
        a["path"] = "outlets/%s/articles/%s" % (a["outlet"], a["file"])
        assert a["path"] not in seen, a["path"]
        seen.add(a["path"])
        a["img"] = "images/%s-%s.png" % (day, a["slug"])
        png, w, h = make_images.render(a["image"][0], a["image_seed"])
        a["img_w"], a["img_h"], a["img_size"] = w, h, len(png)
        write(os.path.join(DEMO, "outlets", a["outlet"], a["img"]), png)
        num = int(hashlib.md5(a["path"].encode()).hexdigest()[:6], 16) % 90000 + 10000
        dom = re.sub(r"^https?://(www\.)?|/$", "", o["home"])
        a["guid"] = {
            "harbor-gazette": "harborgazette-%s-%d" % (day.replace("-", ""), num),
            "meridian-wire": "mw:%s:%s" % (day.replace("-", ""), a["slug"]),
            "ncpr": "tag:%s,%s:/news/%d" % (dom, day, num),
            "valley-courier": a["file_feed"],
            "alder-ledger": "ABL-%d" % num,
            "circuit-and-cell": "tag:%s,%s:post/%d" % (dom, day, num),
            "touchline": "touchline/%d" % num,
            "kestrel-notes": "%s?p=%d" % (o["home"], num % 9000 + 1000),
        }[a["outlet"]]
    for a in arts:
        assert a["slug"] not in SLUG_FILE, a["slug"]
        SLUG_FILE[a["slug"]] = a["file"]
    for a in arts:
        for m in LINK_RE.finditer(" ".join(a["paras"])):
            assert SLUG_FILE[m.group(2)] and any(b["slug"] == m.group(2) and b["outlet"] == a["outlet"] for b in arts), m.group(2)
    for key in OUTLETS:
        pool = sorted([a for a in arts if a["outlet"] == key], key=lambda a: a["dt"], reverse=True)
        for a in pool:
            write(os.path.join(DEMO, a["path"]), TEMPLATES[key](a, pool))
        png, _, _ = make_images.logo(key, LOGO_COLORS[key])
        write(os.path.join(DEMO, "outlets", key, "images", "logo.png"), png)
        o = OUTLETS[key]
        for feed, (fname, ftitle) in o["feeds"].items():
            items = [a for a in pool if feed in a["feeds"]]
            enc = o["encoding"] if o["format"] != "json" else "utf-8"
            LINK_PREFIX[0] = "articles/"
            data = WRITERS[o["format"]](key, feed, items)
            LINK_PREFIX[0] = ""
            write(os.path.join(DEMO, "outlets", key, fname), data, enc)
    write_opml()
    write_groups(arts)
    write_manifest(arts)
    write_readme(arts)
    for root, _, files in os.walk(os.path.join(DEMO, "outlets")):
        for f in files:
            p = os.path.abspath(os.path.join(root, f))
            if p not in WRITTEN:
                os.remove(p)
                print("removed stale " + os.path.relpath(p, DEMO))
    print("built %d articles from %d outlets" % (len(arts), len(OUTLETS)))


def write_opml():
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<opml version="2.0">', "<head>",
           "<title>herald demo feeds</title>", "<dateCreated>%s</dateCreated>" % rfc822(BUILD_TIME, "gmt"),
           "<ownerName>herald</ownerName>", "</head>", "<body>"]
    # OPML 2.0 subscription lists say type="rss" whatever the dialect; version is a hint.
    versions = {"rss2": "RSS2", "atom": "ATOM", "rss1": "RSS1", "json": "JSON"}
    for key, o in OUTLETS.items():
        for feed, (fname, ftitle) in o["feeds"].items():
            out.append('<outline text="%s" title="%s" type="rss" version="%s" xmlUrl="demo/outlets/%s/%s" htmlUrl="%s"/>'
                       % (esc(ftitle), esc(ftitle), versions[o["format"]], key, fname, o["home"]))
    out += ["</body>", "</opml>", ""]
    write(os.path.join(DEMO, "feeds.opml"), "\n".join(out))


GROUP_TOPICS = {}


def write_groups(arts):
    import src_wire
    import src_events
    groups = {"wire": [], "events": [], "multi_feed": []}
    for gid, topic in src_wire.GROUPS.items():
        mem = [a for a in arts if a["group"] == gid]
        orig = [a for a in mem if a["kind"] == "original"]
        groups["wire"].append({"id": gid, "topic": topic, "original": orig[0]["path"],
                               "copies": [a["path"] for a in mem if a["kind"] == "reprint"]})
    for gid, topic in src_events.GROUPS.items():
        mem = [a for a in arts if a["group"] == gid]
        groups["events"].append({"id": gid, "topic": topic, "articles": [a["path"] for a in mem]})
    for a in arts:
        if len(a["feeds"]) > 1:
            o = OUTLETS[a["outlet"]]
            groups["multi_feed"].append({"article": a["path"], "guid": a["guid"],
                                         "feeds": ["outlets/%s/%s" % (a["outlet"], o["feeds"][f][0]) for f in a["feeds"]]})
    groups["counts"] = {"outlets": len(OUTLETS), "feeds": sum(len(o["feeds"]) for o in OUTLETS.values()),
                        "articles": len(arts), "feed_entries": sum(len(a["feeds"]) for a in arts)}
    write(os.path.join(DEMO, "groups.json"), json.dumps(groups, indent=2) + "\n")
    GROUP_TOPICS.update(src_wire.GROUPS)
    GROUP_TOPICS.update(src_events.GROUPS)
    return groups


def write_manifest(arts):
    """demo/articles.json: what a correct ingest should store for each article."""
    out = []
    for a in sorted(arts, key=lambda a: a["path"]):
        o = OUTLETS[a["outlet"]]
        kind, cap, credit = a["image"]
        paras = [p for p in a["paras"] if not p.startswith("## ")]
        out.append({
            "path": a["path"], "outlet": a["outlet"], "outlet_name": o["name"],
            "feeds": ["outlets/%s/%s" % (a["outlet"], o["feeds"][f][0]) for f in a["feeds"]],
            "feed_format": o["format"], "full_text_in_feed": o["full"],
            "guid": a["guid"], "link": a["file_feed"], "canonical": canonical(a) if a["outlet"] != "kestrel-notes" else "%s%s/" % (o["home"], a["slug"]),
            "title": a["title"], "author": a["author"], "section": a["section"],
            "published": None if a.get("nodate") else rfc3339(a["dt"].astimezone(dt.timezone.utc)),
            "published_on_page": rfc3339(a["dt"]),
            "updated": rfc3339(a["upd"].astimezone(dt.timezone.utc)),
            "image": "outlets/%s/%s" % (a["outlet"], a["img"]), "image_caption": cap, "image_credit": credit,
            "summary": teaser(a), "words": words(a["paras"]), "paragraphs": len(paras),
            "first_paragraph": plain(paras[0]), "last_paragraph": plain(paras[-1]),
            "group": a["group"], "kind": a["kind"]})
    write(os.path.join(DEMO, "articles.json"), json.dumps(out, ensure_ascii=False, indent=1) + "\n")


def write_readme(arts):
    with open(os.path.join(TOOLS, "README.in.md"), encoding="utf-8") as f:
        tmpl = f.read()
    rows = []
    fmt_names = {"rss2": "RSS 2.0", "atom": "Atom 1.0", "rss1": "RSS 1.0 (RDF)", "json": "JSON Feed 1.1"}
    for key, o in OUTLETS.items():
        n = len([a for a in arts if a["outlet"] == key])
        feeds = ", ".join("`%s`" % f for f, _ in o["feeds"].values())
        rows.append("| %s | %s | `%s` | %s | %s | %s | %s | %d |" % (
            o["name"], o["kind"], key, fmt_names[o["format"]], o["encoding"] if o["format"] != "json" else "utf-8",
            "full text" if o["full"] else "teaser", feeds, n))
    glines = []
    for gid in sorted(GROUP_TOPICS):
        mem = [a for a in arts if a["group"] == gid]
        glines.append("- **%s** %s: %s" % (gid, GROUP_TOPICS[gid], ", ".join(
            "`%s`%s" % (a["path"].replace("outlets/", ""), " (original)" if gid.startswith("W") and a["kind"] == "original" else "")
            for a in mem)))
    multi = ["- `%s` in %s" % (a["path"].replace("outlets/", ""), " and ".join(a["feeds"]))
             for a in arts if len(a["feeds"]) > 1]
    days = sorted({a["dt"].astimezone(dt.timezone.utc).strftime("%Y-%m-%d") for a in arts})
    text = (tmpl.replace("@OUTLETS@", "\n".join(rows)).replace("@GROUPS@", "\n".join(glines))
            .replace("@MULTI@", "\n".join(multi)).replace("@COUNT@", str(len(arts)))
            .replace("@WORDS@", str(sum(words(a["paras"]) for a in arts)))
            .replace("@DAYS@", "%s to %s (UTC)" % (days[0], days[-1])))
    write(os.path.join(DEMO, "README.md"), text)


if __name__ == "__main__":
    main()
