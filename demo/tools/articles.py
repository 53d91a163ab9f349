"""Loads the demo articles from the source files and expands wire reprints.

Source files (all prose written for herald; every person, place and firm is fictional):
  src_wire.py    Meridian Wire agency stories and their republications (groups W1..W5)
  src_events.py  events covered independently by several outlets (groups E1..E7)
  src_local.py   stand-alone stories (Gazette, wire, NCPR, Courier)
  src_local2.py  stand-alone stories (Ledger, Circuit & Cell, Touchline, Kestrel Bay Notes)

Each source file defines ITEMS, a list of dicts built with A() (an original article)
or R() (a republication of a wire story with small edits).

Body syntax: paragraphs separated by blank lines; a line starting with "## " is a
subheading; a paragraph starting with "> " is a pull quote (blockquote).
"""

import textwrap


def A(**kw):
    """An original article.

    Required: outlet, slug, when ("YYYY-MM-DD HH:MM" in the outlet's zone), title,
    author, section, image=(kind, caption, credit), body.
    Optional: id, group, feeds (default ("top",)), summary (feed teaser), tags, updated
    (same format as when: a later revision),
    nodate (feed entry carries no date), feed_title (raw XML for the feed title).
    """
    kw.setdefault("feeds", ("top",))
    kw.setdefault("group", None)
    kw["kind"] = "original"
    return kw


def R(base, **kw):
    """A republication of wire story `base` (its id) with small edits.

    Optional edits: title (new headline), intro (a local paragraph put first),
    trim (number of final paragraphs dropped), subs (list of (old, new) text
    replacements), summary, author (default: the wire's byline plus agency).
    """
    kw["base"] = base
    kw.setdefault("feeds", ("top",))
    kw["kind"] = "reprint"
    return kw


def _paras(body):
    body = textwrap.dedent(body).strip()
    return [" ".join(p.split()) if not p.startswith("## ") else p.strip()
            for p in body.split("\n\n") if p.strip()]


def load():
    import src_wire
    import src_events
    import src_local
    import src_local2
    items = src_wire.ITEMS + src_events.ITEMS + src_local.ITEMS + src_local2.ITEMS
    by_id = {it["id"]: it for it in items if it.get("id")}
    out = []
    for it in items:
        it = dict(it)
        if it["kind"] == "reprint":
            base = by_id[it["base"]]
            paras = _paras(base["body"])
            trim = it.get("trim", 0)
            if trim:
                paras = paras[:-trim]
            if it.get("intro"):
                paras = [" ".join(it["intro"].split())] + paras
            for old, new in it.get("subs", ()):
                hit = False
                for i, p in enumerate(paras):
                    if old in p:
                        paras[i] = p.replace(old, new)
                        hit = True
                assert hit, (it["slug"], old)
            it["paras"] = paras
            it.setdefault("title", base["title"])
            it.setdefault("author", base["author"] + " / Meridian Wire")
            it.setdefault("section", base["section"])
            it.setdefault("image", base["image"])
            it.setdefault("tags", base.get("tags", ()))
            it["group"] = base["group"]
            it["image_seed"] = base["slug"]
        else:
            it["paras"] = _paras(it["body"])
            it["image_seed"] = it["slug"]
        it.pop("body", None)
        out.append(it)
    return out
