/*
 * url.h - URL resolution, normalisation and article identity.
 *
 * Parsing is libcurl's URL API (CURLU), the same parser the fetcher's transfers use, so
 * that what herald stores and what it fetches can never disagree about a URL.  This is
 * the only module that calls it (scripts/checksrc refuses it elsewhere): other
 * modules ask here for the parts they need (url_parse, url_file_path, url_host, ...).
 *
 * Normalisation (url_normalize) makes the key by which one article reached through
 * several feeds, or again on the next poll, is recognised:
 *   - scheme and host lower-cased, default port (80/443) dropped, empty path -> "/";
 *   - the fragment dropped;
 *   - tracking parameters dropped from the query: utm_*, fbclid, gclid, dclid, msclkid,
 *     mc_cid, mc_eid, yclid, _ga, igshid, ref_src, cmpid; remaining parameters keep their order.
 * The article id is the first 16 bytes of BLAKE2b over the normalised URL, as 32
 * lowercase hex characters: stable across runs, machines and databases.
 */
#ifndef HERALD_CORE_URL_H
#define HERALD_CORE_URL_H

#include <stddef.h>

#include "core/status.h"

#define URL_ID_LEN 32

/* Resolves ref against base (either may be NULL; a NULL/empty base returns ref when it is
 * absolute).  Leading and trailing spaces and C0 controls of ref are ignored, as browsers
 * do (" http://x/" is http://x/, never a relative path).  On success *out is a malloc'd
 * absolute URL the caller frees.  Returns HERALD_E_INVALID when the result is not an
 * absolute URL, and when ref names its own host as an unusual IPv4 spelling (see
 * url_host_is_odd_ipv4): resolving would rewrite "0x7f.1" to "127.0.0.1" and hide it from
 * the SSRF policy, so such a reference is left to the caller (which keeps it as written or
 * drops it). */
herald_status url_resolve(const char *base, const char *ref, char **out);

/* Normalises url as described above.  *out is malloc'd on success. */
herald_status url_normalize(const char *url, char **out);

/* 1 when a query parameter named name[0..len) is a tracking parameter (the list above). */
int url_is_tracking_param(const char *name, size_t len);

/* Returns a malloc'd copy of url without its tracking parameters, keeping the other
 * parameters in order and the fragment; nothing else is parsed or changed. */
char *url_strip_tracking(const char *url);

/* Writes the 32-hex id of url (normalised first) and a NUL into id[URL_ID_LEN + 1]. */
herald_status url_article_id(const char *url, char id[URL_ID_LEN + 1]);

/* Returns 1 when s is a syntactically valid 32-lowercase-hex article id. */
int url_is_article_id(const char *s);

/* Returns the lower-cased scheme of url ("http", "https", "file", ...) into buf, or -1. */
int url_scheme(const char *url, char *buf, size_t bufsize);

/* Returns the lower-cased host of url into *out (malloc'd), or HERALD_E_INVALID. */
herald_status url_host(const char *url, char **out);

/* Copies the host of url as written (no normalisation: "0177.0.0.1" stays so) into buf,
 * without userinfo, port, IPv6 brackets or one trailing dot.  url is absolute
 * ("scheme://...") or scheme-relative ("//...").  Returns 0, or -1 when url has no
 * authority or the host does not fit. */
int url_raw_host(const char *url, char *buf, size_t bufsize);

/* 1 when host is the canonical dotted quad of an IPv4 address (four decimal parts 0..255,
 * no leading zeros). */
int url_host_is_dotted_quad(const char *host);

/* 1 when host (as written) would be read as an IPv4 number in an unusual spelling:
 * its last label is all digits or starts with 0x (decimal "2130706433", octal
 * "0177.0.0.1", hex "0x7f.1", short "127.1", leading zeros) and it is not a canonical
 * dotted quad.  WHATWG parsers and resolvers take such hosts as addresses. */
int url_host_is_odd_ipv4(const char *host);

/* 1 when url is an absolute http: or https: URL with a host and no byte that may not
 * appear in an HTTP header or an HTML attribute unescaped: no controls (CR, LF, ...), no
 * space, no DEL.  The test for a URL herald may link to, redirect to or show. */
int url_is_http(const char *url);

/* 1 when url's scheme is file:. */
int url_is_file(const char *url);

/*
 * The link policy: the one rule for URLs that a fetched document names (entry links,
 * lead images, media:content, enclosures, canonical URLs, a feed's homepage and icon,
 * OPML outlines), applied where they enter herald (ingest, OPML import) and again where a
 * stored one is used (the fetcher's page requests, the web's /media).  origin is the URL
 * of the document that names url (NULL when unknown, e.g. standard input).
 *   - http(s) passes when url_is_http() holds (the fetcher's SSRF policy still checks
 *     every hop when it is fetched), unless its host is an odd IPv4 spelling;
 *   - file: passes only when allow_file is set AND origin is itself a file: URL: a local
 *     feed may name local pages and images; a remote publisher's links, images and lists
 *     never reach the local disk, whatever the configuration;
 *   - anything else (javascript:, data:, ftp:, relative text) fails.
 * Returns 1 when url may be followed or kept, else 0.
 */
int url_link_allowed(const char *origin, const char *url, int allow_file);

/* A public base URL (the `web.base_url` setting): an absolute http(s) URL with a host and
 * optionally a path, no userinfo, query or fragment, at most URL_BASE_MAX bytes, and only
 * bytes that are safe unescaped in an attribute, an XML document and a header (no
 * controls, space, quotes, <, >, backslash).  On success *out is a malloc'd copy without
 * its trailing slashes ("https://news.example/herald/" -> "https://news.example/herald"),
 * so "<base>/article/..." is a URL.  HERALD_E_INVALID otherwise. */
#define URL_BASE_MAX 200
herald_status url_base_check(const char *s, char **out);

/* 1 when s is a plain authority as a Host header carries it: a DNS name or IPv4 address
 * ([A-Za-z0-9.-], not starting with '.' or '-'), or an IPv6 literal in brackets, then an
 * optional ":port" (1-5 digits); at most 255 bytes.  Anything else (userinfo, paths,
 * quotes, spaces, controls) is 0: such a Host must never reach a URL herald writes. */
int url_authority_ok(const char *s);

#define URL_SCHEME_MAX 32

/* The parts of an absolute URL that decide where it is fetched from. */
struct url_parts {
    char scheme[URL_SCHEME_MAX]; /* lower-cased: "http", "https", "file", ... */
    char *host; /* lower-cased, an IPv6 literal without its brackets; malloc'd; NULL when
                 * the URL has none (file:///...) */
    int port;   /* the explicit port, else the scheme's default (80, 443, ...); -1 when
                 * there is neither */
};

/* Parses the absolute URL url into *out (release with url_parts_release).  Returns
 * HERALD_E_INVALID (and leaves *out empty) when url is NULL or not an absolute URL. */
herald_status url_parse(const char *url, struct url_parts *out);
void url_parts_release(struct url_parts *p);

/* The local path a file: URL names ("file:///tmp/a%20b.png" -> "/tmp/a b.png"),
 * percent-decoded, into *out (malloc'd).  HERALD_E_INVALID when url is not a file: URL,
 * names another host, or its path decodes to a NUL byte. */
herald_status url_file_path(const char *url, char **out);

#endif
