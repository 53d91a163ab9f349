"""The eight fictional outlets of the herald demo corpus.

Every name, town, person and company here is invented. Homepages use the
reserved .example top-level domain (RFC 2606), so nothing points at a real site.

Fields:
  key        folder name under demo/outlets/
  name       display name
  kind       what sort of outlet it is (for the README)
  home       fictional homepage
  copyright  the copyright line printed in pages and feeds
  tz         UTC offset, in minutes, of the times written in articles.py
  format     feed dialect: rss2, atom, rss1, json
  full       True if the feed carries the full article text, False for teasers
  encoding   feed file encoding (XML feeds only)
  feeds      {feed name: (file name, feed title)}
"""

OUTLETS = {
    "harbor-gazette": dict(
        name="The Harbor Gazette",
        kind="city daily newspaper, Port Alder",
        home="https://www.harborgazette.example/",
        copyright="\u00a9 2026 Harbor Gazette Media Company. All rights reserved.",
        tz=-300, format="rss2", full=True, encoding="utf-8",
        feeds={"top": ("feed-top.xml", "The Harbor Gazette \u2014 Top Stories"),
               "world": ("feed-world.xml", "The Harbor Gazette \u2014 World")},
    ),
    "meridian-wire": dict(
        name="Meridian Wire",
        kind="national news agency, Castellan",
        home="https://www.meridianwire.example/",
        copyright="\u00a9 2026 Meridian Wire Service Cooperative. Republication only under licence.",
        tz=0, format="json", full=True, encoding="utf-8",
        feeds={"top": ("feed.json", "Meridian Wire: Latest")},
    ),
    "ncpr": dict(
        name="Northcoast Public Radio",
        kind="public broadcaster (radio and web), Port Alder",
        home="https://www.ncpr.example/",
        copyright="\u00a9 2026 Northcoast Public Broadcasting Trust",
        tz=-300, format="atom", full=False, encoding="utf-8",
        feeds={"top": ("feed-top.xml", "NCPR News: Top Stories"),
               "world": ("feed-world.xml", "NCPR News: Nation & World")},
    ),
    "valley-courier": dict(
        name="The Valley Courier",
        kind="regional newspaper, Lindenfeld",
        home="https://www.valleycourier.example/",
        copyright="Copyright \u00a9 2026 Courier Publishing Co., Lindenfeld",
        tz=-360, format="rss1", full=False, encoding="utf-8",
        feeds={"top": ("feed.rdf", "The Valley Courier")},
    ),
    "alder-ledger": dict(
        name="Alder Business Ledger",
        kind="business newspaper",
        home="https://www.alderledger.example/",
        copyright="\u00a9 2026 Ledger Publishing Ltd. All rights reserved. No reproduction without written permission.",
        tz=0, format="rss2", full=False, encoding="windows-1252",
        feeds={"top": ("feed.xml", "Alder Business Ledger \u2013 Latest")},
    ),
    "circuit-and-cell": dict(
        name="Circuit & Cell",
        kind="science and technology news site, Sanmere",
        home="https://circuitandcell.example/",
        copyright="\u00a9 2026 Circuit & Cell Media. Text licensed to readers for personal use.",
        tz=-480, format="atom", full=True, encoding="utf-8",
        feeds={"top": ("feed.atom", "Circuit & Cell")},
    ),
    "touchline": dict(
        name="Touchline Northcoast",
        kind="sports news site",
        home="https://www.touchline-nc.example/",
        copyright="\u00a9 2026 Touchline Sports Publishing",
        tz=-300, format="rss2", full=False, encoding="iso-8859-1",
        feeds={"top": ("feed.xml", "Touchline Northcoast \u2013 Latest")},
    ),
    "kestrel-notes": dict(
        name="Kestrel Bay Notes",
        kind="neighbourhood blog, Kestrel Bay (Port Alder)",
        home="https://kestrelbaynotes.example/",
        copyright="\u00a9 2026 Kestrel Bay Notes \u00b7 Written by neighbours, for neighbours",
        tz=-300, format="rss2", full=True, encoding="utf-8",
        feeds={"top": ("feed.xml", "Kestrel Bay Notes")},
    ),
}
