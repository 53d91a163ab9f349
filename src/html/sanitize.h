/*
 * sanitize.h - the allowlist HTML sanitizer: publisher HTML in, HTML safe to show out.
 *
 * Every piece of publisher HTML herald stores or shows (feed content and summaries,
 * extracted article bodies, titles) goes through here.  The input is parsed with
 * libxml2's HTML parser (recovering, no network, no external entities, no DTD), and the
 * tree is written out again by our own serialiser, which knows only the allowlist:
 *
 *   - elements: p br a em strong b i u s sub sup small mark q cite abbr dfn code pre kbd
 *     samp var blockquote ul ol li dl dt dd h1-h6 hr figure figcaption img picture source
 *     table thead tbody tfoot tr th td caption col colgroup span div time del ins
 *     details summary ruby rt rp bdi bdo wbr address video audio, and iframe only for the
 *     video-embed allowlist (see below).  Sectioning elements (article, section, header,
 *     footer, main, aside, nav, center, fieldset) are written as div, strike as s, tt as
 *     code, acronym as abbr, xmp/listing/plaintext as pre.  Any other element (object,
 *     embed, applet, font, span-like custom elements...) loses its tag and keeps its
 *     allowed content; script, style, template, noscript, iframe (refused), svg, math,
 *     form, button, input, select, textarea, head, title, meta, link, base, frame(set),
 *     noembed, noframes, canvas, dialog lose their content too.
 *   - attributes: a short list per element (href, src, srcset, alt, title, width, height,
 *     colspan, rowspan, datetime, cite, lang, dir, start, ...).  Event handlers (on*),
 *     style, class, id, name and everything else are dropped.
 *   - URLs (href, src, srcset, cite, poster): entity-decoded by the parser, then ASCII
 *     whitespace and control characters removed (as browsers do) before the scheme is
 *     read; allowed schemes are http, https and mailto (href only); data: only for raster
 *     images (image/png, image/jpeg, image/gif, image/webp) in img src/srcset.  Anything
 *     else (javascript:, vbscript:, data:text/html, ...) drops the attribute (an img or
 *     video without a usable src is dropped).  Relative URLs are resolved against
 *     opts->base_url (kept relative when there is none); tracking parameters (utm_*,
 *     fbclid, gclid, ... the url_normalize rule of core/url.h) are removed from links.
 *   - links get rel="noopener noreferrer"; no target attribute is ever written.
 *   - tracking pixels are dropped: img whose width and height are (when present) <= 1,
 *     and img from the usual pixel hosts (pixel.wp.com, FeedBurner's /~r/, ...).
 *   - iframe: kept only when its resolved https src starts with one of
 *     opts->iframe_prefixes (default: YouTube, youtube-nocookie and Vimeo players); it is
 *     written empty, without srcdoc, with sandbox="allow-scripts allow-same-origin
 *     allow-presentation", allowfullscreen and loading="lazy".
 *   - comments, processing instructions, CDATA and doctype are dropped.
 *
 * The output is a UTF-8 fragment in which every text and attribute value went through
 * html/escape.h, every element written is from the allowlist, and every start tag
 * written is closed; nothing in it is raw text, foreign content or a comment, so a
 * browser re-parsing it cannot build an element or attribute outside the allowlist.
 * Depth is bounded (deeper elements keep only their text) and so is the input size.
 *
 * All functions are thread-safe (no global state; libxml2 must have been initialised by
 * the caller's process, which xmlInitParser/any libxml2 call does once).
 */
#ifndef HERALD_HTML_SANITIZE_H
#define HERALD_HTML_SANITIZE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "core/status.h"
#include "core/strbuf.h"

#define SANITIZE_DEFAULT_MAX_INPUT (16u * 1024 * 1024)
#define SANITIZE_DEFAULT_MAX_DEPTH 128

enum sanitize_flags {
    SANITIZE_INLINE = 1 << 0,        /* summaries: only inline elements (a, em, strong, b, i,
                                        code, sub, sup, ...); blocks become text + spaces */
    SANITIZE_NO_IMAGES = 1 << 1,     /* drop img, picture, video, audio, iframe */
    SANITIZE_NO_IFRAMES = 1 << 2,    /* drop even allowlisted video iframes */
    SANITIZE_KEEP_TRACKING = 1 << 3, /* do not strip utm_* etc. from link URLs */
};

struct sanitize_opts {
    /* Absolute URL that relative URLs resolve against (the entry or page URL, or the
     * feed's xml:base).  NULL or "": relative URLs are kept relative. */
    const char *base_url;
    /* NULL-terminated list of URL prefixes ("https://www.youtube.com/embed/") an iframe
     * src must start with to be kept.  NULL: sanitize_default_iframe_prefixes. */
    const char *const *iframe_prefixes;
    /* Inputs longer than this return HERALD_E_TOOBIG.  0: SANITIZE_DEFAULT_MAX_INPUT. */
    size_t max_input;
    /* Elements nested deeper than this keep only their text.  0: the default. */
    unsigned max_depth;
    unsigned flags; /* enum sanitize_flags */
};

/* The default iframe allowlist (YouTube, youtube-nocookie, Vimeo player), NULL-ended. */
extern const char *const sanitize_default_iframe_prefixes[];

/* Sanitizes the HTML fragment html[0..len) (any encoding libxml2 recognises; UTF-8
 * assumed without a BOM or meta charset) and appends the safe fragment to out.
 * opts may be NULL (defaults).  Returns HERALD_E_TOOBIG when len exceeds the input cap
 * (out untouched), HERALD_E_PARSE when libxml2 could not build a tree at all,
 * HERALD_E_INVALID for a NULL html with a nonzero len.  An empty input appends nothing. */
herald_status sanitize_html(const char *html, size_t len, const struct sanitize_opts *opts,
                            struct strbuf *out);

/* Writes the already-parsed libxml2 subtree rooted at node (an element, text node or a
 * document) through the same allowlist, appending to out.  The node itself is
 * included: an allowlisted element keeps its tag, any other element its allowed
 * children.  The tree is not modified; the caller keeps ownership.  For the extractor,
 * which has parsed the page already. */
herald_status sanitize_node(xmlNodePtr node, const struct sanitize_opts *opts, struct strbuf *out);

/* As sanitize_node, but writes only the children of node (the container's content). */
herald_status sanitize_children(xmlNodePtr node, const struct sanitize_opts *opts,
                                struct strbuf *out);

/* Titles: turns html[0..len) (a title that may hold markup or entities, e.g. an
 * Atom type="html" title) into one line of plain UTF-8 text: tags dropped (script/style
 * content too), entities decoded, whitespace collapsed, trimmed.  The result is NOT
 * HTML-escaped: callers escape it on output.  Returns as sanitize_html. */
herald_status sanitize_title(const char *html, size_t len, struct strbuf *out);

/* Returns 1 when url (already entity-decoded) is allowed in an attribute of kind
 * "href", "src" (img: also raster data:) or "cite", after stripping the whitespace and
 * control characters browsers ignore; 0 otherwise.  Used by the fuzzer's and the
 * tests' property checks. */
int sanitize_url_allowed(const char *url, const char *kind);

#endif
