/*
 * extract.h - full-text extraction of a news article from its web page.
 *
 * One libxml2 HTML parse (no network, no entities, recover mode), then a few linear
 * passes over the tree:
 *
 *   1. metadata: JSON-LD (NewsArticle/Article/... including @graph and arrays),
 *      OpenGraph, article:* and twitter:* meta, itemprop, meta[name=author],
 *      rel=canonical, <html lang>, <title>;
 *   2. boilerplate marking: elements that never hold article text (script, style, nav,
 *      footer, aside, ...) and hidden elements are skipped; elements whose class/id says
 *      share/social/related/newsletter/sidebar/caption... are dropped once the article
 *      is found, unless they contain it (comment threads are dropped at once);
 *   3. content scoring (post-order): each paragraph-like block earns a score from its
 *      text length and punctuation, handed to its parent and grandparent; candidates are
 *      weighted by class/id hints and penalised by link density; the best candidate and
 *      its related siblings form the body;
 *   4. rendering: the body subtree is written as plain text (one paragraph per line)
 *      and as simple HTML (p, h2-h6, ul/ol/li, blockquote, pre, tables, a, em, strong,
 *      br, and the article's images as figure/img/figcaption, HTML only), skipping
 *      marked boilerplate, the headline and link-heavy or boilerplate lines; the HTML is
 *      then passed through the project's sanitizer (html/sanitize.h).
 *
 * When JSON-LD carries an articleBody and the DOM body is under 60% of its length, the
 * articleBody is used instead.  Fallbacks (all <p> of the page for a thin candidate, a
 * second pass without class rules, then the text of <body>) guarantee that a page with
 * text never yields an empty body.
 */
#ifndef HERALD_EXTRACT_EXTRACT_H
#define HERALD_EXTRACT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* Pages larger than this are refused with HERALD_E_TOOBIG (the fetcher caps lower). */
#define EXTRACT_MAX_INPUT (16u * 1024u * 1024u)

struct extract_opts {
    /* Input bigger than this (0 = EXTRACT_MAX_INPUT) is refused with HERALD_E_TOOBIG. */
    size_t max_input;
    /* Skip producing body_html (text and metadata only); 0 = produce it. */
    int no_html;
};

struct extract_result {
    char *title;         /* headline (og:title / JSON-LD headline / <h1> / <title>) */
    char *body_html;     /* clean HTML of the body (sanitizer allowlist) */
    char *body_text;     /* plain text, one paragraph per line */
    char *image_url;     /* lead image, absolute when the page URL is known */
    char *image_caption; /* lead image caption, when present */
    char *image_credit;  /* lead image credit, when present */
    char **authors;      /* NULL-terminated array; never NULL (may be empty) */
    size_t n_authors;
    int64_t published;   /* UTC seconds, TIME_NONE when absent */
    int64_t modified;    /* UTC seconds, TIME_NONE when absent */
    char *canonical_url; /* rel=canonical / og:url resolved, else the page URL */
    char *language;      /* "en", "pt-BR", ... */
    char *site_name;     /* publisher name */
    char *dateline;      /* "WASHINGTON (AP) —" style dateline when present */
    char *description;   /* og:description / meta description */
    size_t word_count;   /* words in body_text */
};

/*
 * Extracts the article from html[0..len) (any encoding libxml2 knows; UTF-8 assumed when
 * the page does not say).  url, when not NULL, is the page address used to resolve relative
 * URLs.  opts may be NULL.  On success *out is a new result the caller frees with
 * extract_result_free; every string in it is UTF-8 and owned by the result; fields that
 * were not found are NULL.
 * Errors: HERALD_E_INVALID (NULL html or out), HERALD_E_TOOBIG (len over the cap),
 * HERALD_E_PARSE (no document or no text at all). *out is untouched on error.
 */
herald_status extract_article(const char *html, size_t len, const char *url,
                              const struct extract_opts *opts, struct extract_result **out);

/* Frees r and everything it owns; NULL is a no-op. */
void extract_result_free(struct extract_result *r);

/*
 * Serialises r as one JSON object (title, body_html, body_text, image{url, caption,
 * credit}, authors[], published/modified as RFC 3339 strings, canonical_url, language,
 * site_name, dateline, description, word_count); absent fields are omitted.
 * Returns a malloc'd NUL-terminated string the caller frees, or NULL on a NULL r.
 * indent: 0 = compact, else pretty-printed with that many spaces.
 */
char *extract_result_to_json(const struct extract_result *r, int indent);

/*
 * Parses a date as found in page metadata (ISO 8601 / RFC 3339 with or without time,
 * fraction and offset; RFC 822 "Wed, 25 Nov 2026 20:41:07 GMT").  Returns UTC seconds or
 * TIME_NONE.  Exposed for tests.
 */
int64_t extract_parse_date(const char *s);

/*
 * Drops page furniture from the top of a body (furniture.c): leading empty paragraphs, a
 * first paragraph that repeats the caption (near-equal, optionally followed by the
 * credit), and a one- or two-word section label before a dateline paragraph.  *html is
 * the stored body HTML (paragraphs as <p>; may be NULL: then the lines of *text are the
 * paragraphs); *text (may be NULL) is the plain text, one paragraph per line, edited in
 * step.  Both are edited in place (they only shrink).  caption/credit may be NULL.
 * Returns the number of leading paragraphs dropped.
 */
size_t extract_strip_furniture(char **html, char **text, const char *caption, const char *credit);

#endif
