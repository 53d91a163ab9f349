/*
 * feedout.h - herald's own feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the home page, a
 * source, a story and a search (the handlers that serve them are in syndicate.c).
 *
 * Design.  A feed is written from the same view model the HTML page shows (struct web_list
 * of web_item, view.h), so a feed and its page never disagree about which articles they
 * list.  The writers are pure: view model in, bytes appended to a strbuf, no I/O, so each
 * format is unit-tested without a server and parsed back by herald's own parser
 * (src/feed) in the tests.
 *
 * XML is written by hand with html_escape_xml (html/escape.h) for every value, text and
 * attribute alike: it escapes & < > " ', replaces C0 controls, invalid UTF-8 and the XML
 * non-characters with U+FFFD, so a hostile title ("]]>", control bytes, "<script>") can
 * never make a document ill-formed; nothing is written in CDATA.  libxml2's xmlTextWriter
 * was the alternative: it escapes too, but not control bytes (it would write an
 * ill-formed document from them), and it costs an allocation per node.  JSON Feed is
 * built with jansson from strings scrubbed the same way (utf8_scrub in core/utf8.h), so
 * the three formats carry the same text.
 *
 * What each entry carries: a stable id (urn:herald:article:<32 hex>, independent of the
 * host name the feed was fetched under; RSS guid isPermaLink="false"), the title, the
 * link to herald's article page (absolute when a base URL is known) and the original (the
 * canonical URL when there is one: Atom rel="related", RSS atom:link rel="related", JSON
 * Feed external_url), the summary as text, dates (RSS pubDate in RFC 822 with GMT, Atom
 * and JSON in RFC 3339), the author (RSS dc:creator, Atom author, JSON authors; Atom
 * falls back to the publisher's name, since Atom requires an author), the publisher (RSS
 * source, Atom source/title, JSON _herald.source), and the lead image (RSS media:content,
 * Atom link rel="enclosure", JSON image) at herald's image proxy (media/media.h, the
 * 1280-pixel copy), like the pages, so a feed reader never contacts the publisher for it.
 * The article body is not included: the feed lists what the page lists, and the reader
 * follows the link for the text.
 */
#ifndef HERALD_WEB_FEEDOUT_H
#define HERALD_WEB_FEEDOUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "web/view.h"

enum web_feed_format { WEB_FEED_RSS = 0, WEB_FEED_ATOM, WEB_FEED_JSON };

/* The most entries one feed lists. */
#define WEB_FEED_MAX_ITEMS 50

/* A feed document: what it is about and its entries (all strings borrowed). */
struct web_feed_doc {
    const char *title;       /* "herald", "Latest from Example News" */
    const char *description; /* one sentence; may be NULL */
    const char *page_path;   /* the HTML page it mirrors ("/source/3") */
    const char *feed_path;   /* this feed without extension ("/source/3/feed") */
    const char *query;       /* percent-encoded query of this feed ("q=vote"), or NULL */
    const char *key;         /* a stable name for its id when no base URL is known
                              * ("home", "source-3", "story-9", "search") */
    const char *language;    /* may be NULL */
    int64_t updated;         /* TIME_NONE: the newest entry's time, else ctx->now */
    const struct web_item *items;
    size_t n_items; /* at most WEB_FEED_MAX_ITEMS are written */
};

/* The format named by a file extension ("xml" RSS, "atom", "json"); -1 for anything else. */
int web_feed_format_from_ext(const char *ext);
/* Content-Type of a format ("application/rss+xml; charset=utf-8", ...).  Static string. */
const char *web_feed_content_type(enum web_feed_format fmt);

/* Appends the whole document in format fmt to out.  ctx gives the base URL (absolute links;
 * relative when it is empty), the clock and whether local images are served. */
void web_feed_write(struct strbuf *out, enum web_feed_format fmt, const struct web_render_ctx *ctx,
                    const struct web_feed_doc *doc);

#endif
