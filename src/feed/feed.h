/*
 * feed.h - the feed parser: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 bytes in,
 * one owned struct feed out.
 *
 * Design.  The format is detected from the content, never from the Content-Type: a
 * document whose first non-blank byte is '{' is JSON Feed (jansson, with size and depth
 * bounds); anything else is XML.  XML bytes are first converted to UTF-8 (BOM,
 * UTF-16/32/EBCDIC sniffing, the XML declaration and the HTTP charset combined by the
 * RFC 3023 rules the reference parser follows; a document that does not decode in the
 * chosen encoding is decoded as UTF-8, then Windows-1252, and flagged; ISO-8859-1 is
 * decoded as Windows-1252), then streamed through libxml2's SAX2 interface with
 * XML_PARSE_NONET, without XML_PARSE_NOENT and without DTD loading: external entities
 * are never resolved (XXE reads nothing); internal entities are expanded by libxml2,
 * whose amplification check stops billion laughs (the expansion is dropped, the feed
 * flagged), under our own text budget (HERALD_E_TOOBIG past it); HTML named entities that
 * feeds use undeclared (&nbsp;, &eacute;) are decoded, bare '&' is repaired, and
 * ill-formed documents are recovered with libxml2's recover mode and flagged `bozo`.
 *
 * Element handling follows the reference parser (Python feedparser): namespaces are
 * mapped to canonical prefixes (dc, content, media, itunes, ...), the elements of every
 * dialect fill one common item structure (struct feed_item) used for the feed's head,
 * for each entry and for an entry's source feed, and elements the parser has no rule
 * for are kept as extensions (`prefix_name` = text).  Text constructs keep their
 * type (text/plain, text/html, application/xhtml+xml), language and xml:base; relative
 * URLs are resolved against the nested xml:base, Content-Location and the document URL;
 * HTML content is passed through the HTML sanitizer (html/sanitize.h, called from
 * feed_sanitize_html in feed_item.c).  Dates go through date.h; an unparseable date is
 * TIME_NONE.
 *
 * The result is plain data: every string is owned by the struct feed and freed by
 * feed_free; all strings are valid UTF-8 (NULL when absent).  Thread-safe: no global
 * state; a threaded program calls xmlInitParser() once before its threads parse.
 */
#ifndef HERALD_FEED_FEED_H
#define HERALD_FEED_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/strbuf.h"

/* Default bounds of struct feed_parse_opts (0 selects them). */
#define FEED_DEFAULT_MAX_BYTES (16u * 1024 * 1024)
#define FEED_DEFAULT_MAX_ENTRIES 10000u
#define FEED_DEFAULT_MAX_DEPTH 256u
/* Per item: links, categories, authors, contributors, enclosures, media and contents are
 * kept up to FEED_MAX_LIST each (more flags the feed), extensions up to FEED_MAX_EXT. */
#define FEED_MAX_LIST 512u
#define FEED_MAX_EXT 256u

struct feed_parse_opts {
    const char *url;              /* document URL: base of relative URLs (may be NULL) */
    const char *content_type;     /* HTTP Content-Type header (charset), or NULL */
    const char *content_location; /* HTTP Content-Location header, or NULL */
    const char *content_language; /* HTTP Content-Language header, or NULL */
    size_t max_bytes;             /* longer inputs: HERALD_E_TOOBIG */
    size_t max_entries;           /* entries past this are dropped (bozo) */
    unsigned max_depth;           /* deeper nesting: HERALD_E_TOOBIG */
    int no_sanitize;              /* 1: keep HTML as published (tests, tools) */
};

/* A text construct (title, summary, content, rights, ...). */
struct feed_text {
    char *value;    /* UTF-8; HTML types are sanitized HTML */
    char *type;     /* "text/plain", "text/html", "application/xhtml+xml" or a MIME type */
    char *language; /* xml:lang in effect, or NULL */
    char *base;     /* xml:base in effect (absolute URL), or NULL */
    char *src;      /* Atom content src=, or NULL */
};

struct feed_link {
    char *rel, *type, *href, *title, *hreflang, *length;
};

struct feed_person {
    char *name, *email, *href;
};

struct feed_category {
    char *term, *scheme, *label;
};

struct feed_enclosure {
    char *href, *type, *length; /* length as written (bytes), or NULL */
};

/* media:content / media:thumbnail (the lead image comes from these). */
struct feed_media {
    int thumbnail; /* 1: media:thumbnail, 0: media:content */
    char *url, *type, *medium;
    int width, height; /* 0 when unknown */
    char *caption;     /* media:description / media:title in effect */
    char *credit;      /* media:credit in effect */
};

/* A key/value pair for elements without a dedicated field ("itunes_explicit", "cloud.domain"). */
struct feed_ext {
    char *key, *value;
};

/* Date fields are int64 UTC seconds, TIME_NONE when absent or unparseable; the *_raw
 * strings keep what the feed wrote. */
struct feed_item {
    struct feed_text title, subtitle, summary, rights, info;
    struct feed_text *content; /* entries: content:encoded, Atom content, ... */
    size_t ncontent;
    char *id;       /* guid / atom:id */
    int guidislink; /* RSS guid isPermaLink (and used as the link) */
    char *link;     /* the alternate link */
    struct feed_link *links;
    size_t nlinks;
    int64_t published, updated, created, expired;
    char *published_raw, *updated_raw, *created_raw, *expired_raw;
    struct feed_person *authors, *contributors;
    size_t nauthors, ncontributors;
    struct feed_person publisher;
    struct feed_category *tags;
    size_t ntags;
    struct feed_enclosure *enclosures;
    size_t nenclosures;
    struct feed_media *media;
    size_t nmedia;
    char *language;
    char *comments; /* entries: comments page URL */
    char *icon, *logo;
    struct {
        char *href, *title, *link, *description;
        int width, height;
    } image;
    struct {
        char *name, *href, *version;
    } generator;
    char *docs;
    struct feed_item *source; /* entries: the feed the entry came from (atom:source, rss source) */
    struct feed_ext *ext;
    size_t next;
};

enum feed_format {
    FEED_FORMAT_UNKNOWN = 0,
    FEED_FORMAT_RSS090,
    FEED_FORMAT_RSS091U,
    FEED_FORMAT_RSS091N,
    FEED_FORMAT_RSS092,
    FEED_FORMAT_RSS093,
    FEED_FORMAT_RSS094,
    FEED_FORMAT_RSS20,
    FEED_FORMAT_RSS10,
    FEED_FORMAT_RSS, /* RSS of unknown version */
    FEED_FORMAT_ATOM01,
    FEED_FORMAT_ATOM02,
    FEED_FORMAT_ATOM03,
    FEED_FORMAT_ATOM10,
    FEED_FORMAT_ATOM, /* Atom of unknown version */
    FEED_FORMAT_JSON1,
    FEED_FORMAT_JSON11,
};

struct feed {
    enum feed_format format;
    char *encoding;     /* the character encoding the document was decoded from */
    int bozo;           /* 1: ill-formed but recovered (see bozo_message) */
    char *bozo_message; /* first problem found, or NULL */
    struct feed_item head;
    struct feed_item *entries;
    size_t nentries;
    /* Polling hints for the fetch scheduler (0 / -1 when absent). */
    int ttl_minutes;      /* RSS <ttl> */
    uint32_t skip_hours;  /* bit h set: skip hour h (0..23, UTC) */
    uint8_t skip_days;    /* bit d set: skip weekday d (0 = Monday) */
    char *update_period;  /* sy:updatePeriod: hourly, daily, weekly, monthly, yearly */
    int update_frequency; /* sy:updateFrequency, 0 when absent */
};

/* Parses data[0..len) (any encoding; NUL bytes allowed) into a new struct feed.  opts
 * may be NULL (no URL, no HTTP headers, default bounds).  On success *out owns the
 * result (feed_free); on failure *out is untouched and the status says why:
 * HERALD_E_TOOBIG (input, nesting or entity expansion over a bound), HERALD_E_PARSE
 * (empty input, not a feed, or XML/JSON nothing could be recovered from),
 * HERALD_E_INVALID (NULL arguments).  An ill-formed feed that could be recovered
 * returns HERALD_OK with bozo set. */
herald_status feed_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
                         struct feed **out);

/* Frees f and everything it owns; NULL is a no-op. */
void feed_free(struct feed *f);

/* The version name the reference parser uses ("rss20", "atom10", "json11", ...), "" when
 * unknown.  Static string. */
const char *feed_format_name(enum feed_format fmt);

/* Appends f as one JSON object (UTF-8) to out: format, encoding, bozo, polling hints,
 * "feed" (the head's fields) and "entries" (every entry's fields); dates as RFC 3339 UTC
 * strings.  Absent fields are omitted.  This is what `herald parse-feed` prints and
 * what the conformance runner reads. */
herald_status feed_to_json(const struct feed *f, struct strbuf *out);

/* Looks up an extension value of item by key; NULL when absent. */
const char *feed_item_ext(const struct feed_item *item, const char *key);

#endif
