/*
 * route.h - the route table: which handler answers a method and path, and the checks of
 * query parameters.
 *
 * A route is one row of a table (routes.c holds the server's):
 *
 *     {"GET", "/article/{id:hex32}", web_page_article, WEB_RF_CACHEABLE, "article", NULL},
 *
 * method     "GET" (also answers HEAD) or "POST".
 * pattern    literal segments and typed parameters, one per segment:
 *              {name}         a slug: 1..64 of [A-Za-z0-9._-], not starting with '.'
 *              {name:hex32}   32 lowercase hex digits (an article id)
 *              {name:uint}    a positive decimal integer, no leading zero, < 10^18
 *              {name:lang}    a language tag (web_route_is_lang: "en", "pt-br")
 *              {name:file}    a file name: like a slug but at most 31 bytes
 *            A segment that does not have its parameter's shape does not match, so a
 *            malformed id names nothing, exactly like an unknown one (404).  Paths never
 *            match with a trailing slash or an empty segment.
 * handler    void fn(struct web_request *, const struct web_route *, struct web_response *)
 *            (internal.h); it reads parameters with web_route_param / web_route_param_int.
 * flags      WEB_RF_*, below.
 * name       a short stable name for tests and logs.
 * params     the query parameters the route takes, space-separated ("limit cursor"; ""
 *            none).  A request with any other is answered 400 ("unknown query parameter:
 *            x") before the handler or the page cache, so an API client's typo is never
 *            silently ignored.  NULL: not checked (pages, which browsers and links decorate
 *            with their own parameters such as utm_source).  Every /api/ row has a list.
 *
 * The first row whose method and pattern both match wins.  When the pattern of some row
 * matches but no row's method does, the answer is 405 with an Allow header listing the
 * methods that would match.  A path under /api/ that matches nothing is a JSON 404;
 * anything else an HTML 404.
 *
 * Adding a route is one table row in routes.c plus its handler (declared in internal.h).
 * A POST handler reads the request body through web_req_form (urlencoded forms) or
 * web_req_json (application/json); server.c has already refused a body over the size cap
 * (413), a malformed one (400) or another content type (415), a cross-site request (403:
 * Origin/Referer not this Host) and, for a signed-in session, a missing or wrong CSRF
 * token (403; the form field "csrf" or the header X-CSRF-Token).  Requests with a personal
 * API token (Authorization: Bearer) need no CSRF token.  WEB_RF_SESSION / _MODERATOR /
 * _ADMIN routes are refused with 401 (nobody signed in) or 403 (role too low) before the
 * handler runs; the handler still checks ownership of what it changes.  Requests from a
 * signed-in reader never use the page cache and are sent private, no-store.
 *
 * Everything in this file is pure: strings in, matches out, no I/O and no allocation, so
 * every rule is unit-tested without a server.  Query parameters are validated separately by
 * the web_param_* functions; a malformed parameter is the client's error (400).
 */
#ifndef HERALD_WEB_ROUTE_H
#define HERALD_WEB_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

struct web_request;
struct web_response;
struct web_route;

typedef void (*web_handler)(struct web_request *rq, const struct web_route *r,
                            struct web_response *resp);

/* Route flags. */
#define WEB_RF_API 0x01u       /* JSON: errors are JSON bodies; Cache-Control public 30 s */
#define WEB_RF_CACHEABLE 0x02u /* anonymous 200s kept in the page cache, keyed by path */
#define WEB_RF_PAGED 0x04u     /* with WEB_RF_CACHEABLE: ?before=, ?after=, ?lang= key the cache */
#define WEB_RF_SESSION 0x08u   /* needs a signed-in reader: 401 otherwise (pages: sign in) */
#define WEB_RF_NOSTORE 0x10u   /* never cached anywhere: Cache-Control private, no-store */
#define WEB_RF_MODERATOR 0x20u /* needs a moderator or admin: 401 / 403 otherwise */
#define WEB_RF_ADMIN 0x40u     /* needs an admin: 401 / 403 otherwise */
#define WEB_RF_NOINDEX                                                                             \
    0x80u /* not for crawlers: robots.txt disallows it (search, forms);                            \
           * robots.txt also disallows every API, signed-in, moderator,                            \
           * admin and no-store route */

struct web_route_def {
    const char *method;  /* "GET" (and HEAD) or "POST" */
    const char *pattern; /* see above */
    web_handler handler;
    unsigned flags;
    const char *name;
    const char *params; /* see above; NULL = not checked */
};

#define WEB_ROUTE_PARAMS 4
#define WEB_SEGMENT_MAX 64
#define WEB_LANG_MAX 16

/* A match: the row and its parameters (copied: valid after the path is gone). */
struct web_route {
    const struct web_route_def *def; /* NULL: nothing matched */
    int n_params;
    struct {
        char name[16];
        char value[WEB_SEGMENT_MAX + 1];
    } params[WEB_ROUTE_PARAMS];
    char allow[48]; /* WEB_MATCH_METHOD: the Allow header ("GET, HEAD, POST") */
};

enum web_match {
    WEB_MATCH_NONE = 0, /* no pattern matches the path */
    WEB_MATCH_OK,       /* out->def is the route */
    WEB_MATCH_METHOD    /* a pattern matches but not for this method: 405, out->allow */
};

/* Looks up method and path (the decoded path, without the query) in table[0..n).  HEAD is
 * looked up as GET.  Always fills *out (def NULL unless WEB_MATCH_OK). */
enum web_match web_route_find(const struct web_route_def *table, size_t n, const char *method,
                              const char *path, struct web_route *out);

/* Returns 1 when pattern matches path, filling out's parameters (not out->def). */
int web_route_pattern_match(const char *pattern, const char *path, struct web_route *out);

/* The value of parameter name in a match, or NULL. */
const char *web_route_param(const struct web_route *r, const char *name);
/* The value of a {name:uint} parameter, or 0 when absent. */
int64_t web_route_param_int(const struct web_route *r, const char *name);

/* Returns 1 when a route whose params list is params takes the query parameter name: name
 * is one of its space-separated words, or params is NULL (not checked). */
int web_route_accepts(const char *params, const char *name);

/* Returns 1 for paths whose misses get JSON errors: "/api" and everything under "/api/". */
int web_route_is_api_path(const char *path);

/* Returns 1 when s is a language tag accepted as a path prefix: 2-3 lowercase letters,
 * optionally "-" and 2-8 letters or digits ("en", "pt-br"). */
int web_route_is_lang(const char *s, size_t len);

/* The keyset cursor of article lists is the store's opaque string (STORE_CURSOR_MAX).
 * web_param_cursor checks only its shape: 1..95 characters of [0-9a-f.-]; the store
 * rejects a well-shaped but meaningless one (also a 400).  NULL or "" gives "". */
#define WEB_CURSOR_MAX 96
herald_status web_param_cursor(const char *s, char out[WEB_CURSOR_MAX]);

/* A search's sort parameter: NULL, "" or "relevance" give *by_date = 0, "date" gives 1;
 * anything else is HERALD_E_INVALID. */
herald_status web_param_sort(const char *s, int *by_date);

/* Parses a date parameter: "YYYY-MM-DD" (the start of that UTC day, or its end when
 * end_of_day is set) or "YYYY-MM-DDTHH:MM:SSZ".  NULL/"" gives TIME_NONE and HERALD_OK.
 * Returns HERALD_E_INVALID for anything else, including impossible dates (checked by
 * core/date.h) and dates before 1970. */
herald_status web_param_date(const char *s, int end_of_day, int64_t *out);

/* Parses a positive decimal integer no greater than max.  NULL/"" gives dflt. */
herald_status web_param_uint(const char *s, int64_t max, int64_t dflt, int64_t *out);

/* Parses a language filter (same rule as web_route_is_lang).  NULL/"" gives "". */
herald_status web_param_lang(const char *s, char out[WEB_LANG_MAX]);

#endif
