/*
 * opml.h - reading and writing OPML subscription lists.
 *
 * opml_parse reads OPML 1.0/2.0 with libxml2 (no network, no entities, no DTD) and
 * returns every <outline> that has an xmlUrl, flattened; the nearest enclosing outline
 * without xmlUrl becomes the category.  A relative xmlUrl is resolved against base_url
 * (the OPML document's own URL, e.g. file:///home/me/herald/demo/feeds.opml); leading and
 * trailing spaces are ignored (url_resolve), so " http://x/feed" is that URL, never a
 * relative file: path.  Every outline passes the link policy (url_link_allowed in
 * core/url.h) with the list's URL as origin: http(s) always, file: only from a list that
 * is itself a local file (base_url NULL, as for standard input, allows no file: feed);
 * other outlines are skipped.  Whether a file: feed is then fetched is still the
 * fetcher's allow_file_urls.
 */
#ifndef HERALD_FEED_OPML_H
#define HERALD_FEED_OPML_H

#include <stddef.h>

#include "core/status.h"
#include "core/strbuf.h"

struct opml_outline {
    char *title;    /* text or title attribute; may be NULL */
    char *xml_url;  /* absolute feed URL */
    char *html_url; /* site URL; may be NULL */
    char *category; /* enclosing folder's title; may be NULL */
};

struct opml_list {
    struct opml_outline *items;
    size_t count, alloc;
};

#define OPML_MAX_BYTES (16u * 1024 * 1024)
#define OPML_MAX_OUTLINES 100000

/* Parses OPML bytes.  On success fills *out (release with opml_list_release).
 * HERALD_E_PARSE for a document that is not OPML, HERALD_E_TOOBIG past the caps. */
herald_status opml_parse(const char *data, size_t len, const char *base_url, struct opml_list *out);
void opml_list_release(struct opml_list *list);

/* Writes an OPML 2.0 document listing the outlines (title, xml_url, html_url); each run of
 * consecutive outlines with the same non-empty category goes into one folder outline named
 * after it (sort by category first to get one folder per category), which opml_parse reads
 * back as their category.  Every value is escaped (html_escape_xml): the document is
 * well-formed whatever the titles hold. */
void opml_write(const struct opml_outline *items, size_t count, const char *title,
                struct strbuf *out);

#endif
