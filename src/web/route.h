/*
 * route.h - maps a request path onto a page or API endpoint, and validates parameters.
 *
 * Pure functions over strings: no I/O, no allocation, so every rule here is unit-tested
 * without a server.  A path that matches no route, or whose id segment is malformed
 * (not 32 lowercase hex, not a positive integer), is WEB_ROUTE_NOT_FOUND: a malformed id
 * names nothing, exactly like an unknown one.  Query parameters are validated separately
 * by the web_param_* functions; a malformed parameter is the client's error (400).
 */
#ifndef HERALD_WEB_ROUTE_H
#define HERALD_WEB_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

enum web_route_kind {
    WEB_ROUTE_NOT_FOUND = 0,
    WEB_ROUTE_HOME,         /* /                               */
    WEB_ROUTE_ARTICLE,      /* /article/{id}, /{lang}/article/{id} */
    WEB_ROUTE_SOURCE,       /* /source/{n}                     */
    WEB_ROUTE_SEARCH,       /* /search                         */
    WEB_ROUTE_ABOUT,        /* /about                          */
    WEB_ROUTE_STATIC,       /* /static/{name}                  */
    WEB_ROUTE_FAVICON,      /* /favicon.ico                    */
    WEB_ROUTE_MEDIA,        /* /media/{id}: an article's lead image */
    WEB_ROUTE_API_ARTICLES, /* /api/v1/articles               */
    WEB_ROUTE_API_ARTICLE,  /* /api/v1/articles/{id}           */
    WEB_ROUTE_API_SOURCES,  /* /api/v1/sources                 */
    WEB_ROUTE_API_FEEDS,    /* /api/v1/feeds                   */
    WEB_ROUTE_API_SEARCH,   /* /api/v1/search                  */
    WEB_ROUTE_API_NOT_FOUND /* anything else under /api/      */
};

#define WEB_LANG_MAX 16

struct web_route {
    enum web_route_kind kind;
    char id[33];             /* ARTICLE, API_ARTICLE, MEDIA: the 32-hex id */
    int64_t source_id;       /* SOURCE */
    char lang[WEB_LANG_MAX]; /* ARTICLE with a language prefix, else "" */
    char static_name[32];    /* STATIC: the file name */
};

/* Matches path (the decoded path, without the query) and fills *out.  Always succeeds;
 * out->kind tells what matched.  Returns 1 for API routes (JSON errors), else 0. */
int web_route_match(const char *path, struct web_route *out);

/* Returns 1 when s is a language tag accepted as a path prefix: 2-3 lowercase letters,
 * optionally "-" and 2-8 letters or digits ("en", "pt-br"). */
int web_route_is_lang(const char *s, size_t len);

/* The keyset cursor of article lists is the store's opaque string (STORE_CURSOR_MAX).
 * web_param_cursor checks only its shape: 1..63 characters of [0-9a-f.-]; the store
 * rejects a well-shaped but meaningless one (also a 400).  NULL or "" gives "". */
#define WEB_CURSOR_MAX 64
herald_status web_param_cursor(const char *s, char out[WEB_CURSOR_MAX]);

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
