/*
 * route.c - see route.h.  Hand-written matching over a handful of fixed prefixes: the set
 * of routes is small and fixed, so a table of patterns would be more code, not less.
 */
#include "web/route.h"

#include <string.h>

#include "core/date.h"
#include "core/timeutil.h"
#include "core/url.h"

#include "core/banned.h"

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_alnum(char c)
{
    return is_lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int web_route_is_lang(const char *s, size_t len)
{
    size_t i = 0, n;
    while (i < len && is_lower(s[i]))
        i++;
    if (i < 2 || i > 3)
        return 0;
    if (i == len)
        return 1;
    if (s[i] != '-')
        return 0;
    n = len - i - 1;
    if (n < 2 || n > 8)
        return 0;
    for (i++; i < len; i++)
        if (!is_alnum(s[i]))
            return 0;
    return 1;
}

static int take_article_id(const char *s, char id[33])
{
    if (strlen(s) != 32 || !url_is_article_id(s))
        return 0;
    memcpy(id, s, 33);
    return 1;
}

static int take_uint(const char *s, int64_t *out)
{
    int64_t v = 0;
    if (!*s || *s == '0' || strlen(s) > 18)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return 1;
}

static int take_static_name(const char *s, char name[32])
{
    size_t n = strlen(s);
    if (n == 0 || n >= 32 || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '-' && s[i] != '_')
            return 0;
    memcpy(name, s, n + 1);
    return 1;
}

int web_route_match(const char *path, struct web_route *out)
{
    const char *p;
    memset(out, 0, sizeof(*out));
    out->kind = WEB_ROUTE_NOT_FOUND;
    if (!path || path[0] != '/')
        return 0;
    if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0) {
        out->kind = WEB_ROUTE_API_NOT_FOUND;
        if (strcmp(path, "/api/v1/articles") == 0)
            out->kind = WEB_ROUTE_API_ARTICLES;
        else if (strncmp(path, "/api/v1/articles/", 17) == 0 && take_article_id(path + 17, out->id))
            out->kind = WEB_ROUTE_API_ARTICLE;
        else if (strcmp(path, "/api/v1/sources") == 0)
            out->kind = WEB_ROUTE_API_SOURCES;
        else if (strcmp(path, "/api/v1/feeds") == 0)
            out->kind = WEB_ROUTE_API_FEEDS;
        else if (strcmp(path, "/api/v1/search") == 0)
            out->kind = WEB_ROUTE_API_SEARCH;
        return 1;
    }
    if (strcmp(path, "/") == 0) {
        out->kind = WEB_ROUTE_HOME;
    } else if (strcmp(path, "/search") == 0) {
        out->kind = WEB_ROUTE_SEARCH;
    } else if (strcmp(path, "/about") == 0) {
        out->kind = WEB_ROUTE_ABOUT;
    } else if (strcmp(path, "/favicon.ico") == 0) {
        out->kind = WEB_ROUTE_FAVICON;
    } else if (strncmp(path, "/static/", 8) == 0) {
        if (take_static_name(path + 8, out->static_name))
            out->kind = WEB_ROUTE_STATIC;
    } else if (strncmp(path, "/media/", 7) == 0) {
        if (take_article_id(path + 7, out->id))
            out->kind = WEB_ROUTE_MEDIA;
    } else if (strncmp(path, "/source/", 8) == 0) {
        if (take_uint(path + 8, &out->source_id))
            out->kind = WEB_ROUTE_SOURCE;
    } else if (strncmp(path, "/article/", 9) == 0) {
        if (take_article_id(path + 9, out->id))
            out->kind = WEB_ROUTE_ARTICLE;
    } else {
        /* /{lang}/article/{id} */
        p = strchr(path + 1, '/');
        if (p && web_route_is_lang(path + 1, (size_t)(p - path - 1)) &&
            strncmp(p, "/article/", 9) == 0 && take_article_id(p + 9, out->id)) {
            memcpy(out->lang, path + 1, (size_t)(p - path - 1));
            out->lang[p - path - 1] = '\0';
            out->kind = WEB_ROUTE_ARTICLE;
        }
    }
    return 0;
}

herald_status web_param_cursor(const char *s, char out[WEB_CURSOR_MAX])
{
    size_t n;
    out[0] = '\0';
    if (!s || !*s)
        return HERALD_OK;
    n = strlen(s);
    if (n >= WEB_CURSOR_MAX)
        return HERALD_E_INVALID;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || s[i] == '.' ||
              s[i] == '-'))
            return HERALD_E_INVALID;
    memcpy(out, s, n + 1);
    return HERALD_OK;
}

/* Does s have exactly the shape of pat, where 'd' stands for a digit? */
static int has_shape(const char *s, const char *pat)
{
    for (; *pat; s++, pat++) {
        if (*pat == 'd' ? !(*s >= '0' && *s <= '9') : *s != *pat)
            return 0;
    }
    return *s == '\0';
}

/* The shape is the route's rule; the civil date itself is checked by the project's one
 * date parser (core/date.h). */
herald_status web_param_date(const char *s, int end_of_day, int64_t *out)
{
    int64_t t;
    int date_only;

    if (!s || !*s) {
        *out = TIME_NONE;
        return HERALD_OK;
    }
    date_only = has_shape(s, "dddd-dd-dd");
    if (!date_only && !has_shape(s, "dddd-dd-ddTdd:dd:ddZ"))
        return HERALD_E_INVALID;
    if (date_parse_as(DATE_W3DTF, s, &t) != HERALD_OK || t < 0)
        return HERALD_E_INVALID;
    if (date_only && end_of_day)
        t += 86399;
    *out = t;
    return HERALD_OK;
}

herald_status web_param_uint(const char *s, int64_t max, int64_t dflt, int64_t *out)
{
    int64_t v;
    if (!s || !*s) {
        *out = dflt;
        return HERALD_OK;
    }
    if (!take_uint(s, &v) || v > max)
        return HERALD_E_INVALID;
    *out = v;
    return HERALD_OK;
}

herald_status web_param_lang(const char *s, char out[WEB_LANG_MAX])
{
    size_t n;
    out[0] = '\0';
    if (!s || !*s)
        return HERALD_OK;
    n = strlen(s);
    if (n >= WEB_LANG_MAX || !web_route_is_lang(s, n))
        return HERALD_E_INVALID;
    memcpy(out, s, n + 1);
    return HERALD_OK;
}
