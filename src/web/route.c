/*
 * route.c - see route.h.  Matching walks the table in order and each pattern segment by
 * segment: no compilation, no allocation.  With a few dozen routes of two to five segments a
 * lookup is a few hundred byte compares, well under the cost of anything a handler does; a
 * trie would only pay off with hundreds of routes.
 */
#include "web/route.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/timeutil.h"

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

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_hex32(const char *s, size_t n)
{
    if (n != 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
            return 0;
    return 1;
}

static int is_uint(const char *s, size_t n)
{
    if (n == 0 || n > 18 || s[0] == '0')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

static int is_slug(const char *s, size_t n, size_t max)
{
    if (n == 0 || n > max || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '-' && s[i] != '_')
            return 0;
    return 1;
}

/* Whether the path segment s[0..n) has the shape of parameter type t[0..tn) ("" = slug). */
static int segment_fits(const char *t, size_t tn, const char *s, size_t n)
{
    if (tn == 0)
        return is_slug(s, n, WEB_SEGMENT_MAX);
    if (tn == 5 && memcmp(t, "hex32", 5) == 0)
        return is_hex32(s, n);
    if (tn == 4 && memcmp(t, "uint", 4) == 0)
        return is_uint(s, n);
    if (tn == 4 && memcmp(t, "lang", 4) == 0)
        return n < WEB_LANG_MAX && web_route_is_lang(s, n);
    if (tn == 4 && memcmp(t, "file", 4) == 0)
        return is_slug(s, n, 31);
    return 0; /* an unknown type in a pattern matches nothing (test_route checks the table) */
}

int web_route_pattern_match(const char *pattern, const char *path, struct web_route *out)
{
    const char *p = pattern, *s = path;
    out->n_params = 0;
    if (!path || path[0] != '/' || pattern[0] != '/')
        return 0;
    while (*p == '/' && *s == '/') {
        const char *pe, *se;
        size_t sn;
        p++;
        s++;
        pe = p + strcspn(p, "/");
        se = s + strcspn(s, "/");
        sn = (size_t)(se - s);
        if (*p == '{') {
            const char *close = memchr(p, '}', (size_t)(pe - p));
            const char *colon = memchr(p, ':', (size_t)(pe - p));
            const char *name_end = colon && colon < close ? colon : close;
            size_t name_n;
            int i = out->n_params;
            if (!close || close + 1 != pe)
                return 0;
            name_n = (size_t)(name_end - p - 1);
            if (name_n == 0 || name_n >= sizeof(out->params[0].name) || i >= WEB_ROUTE_PARAMS)
                return 0;
            if (!segment_fits(name_end == colon ? colon + 1 : close,
                              name_end == colon ? (size_t)(close - colon - 1) : 0, s, sn))
                return 0;
            memcpy(out->params[i].name, p + 1, name_n);
            out->params[i].name[name_n] = '\0';
            memcpy(out->params[i].value, s, sn); /* every type bounds sn by WEB_SEGMENT_MAX */
            out->params[i].value[sn] = '\0';
            out->n_params++;
        } else if ((size_t)(pe - p) != sn || memcmp(p, s, sn) != 0) {
            return 0;
        }
        p = pe;
        s = se;
    }
    /* "/" is the one pattern whose only segment is empty */
    return *p == '\0' && *s == '\0';
}

enum web_match web_route_find(const struct web_route_def *table, size_t n, const char *method,
                              const char *path, struct web_route *out)
{
    struct web_route tmp;
    int get, post, any = 0;
    memset(out, 0, sizeof(*out));
    if (!method || !path)
        return WEB_MATCH_NONE;
    if (strcmp(method, "HEAD") == 0)
        method = "GET";
    get = post = 0;
    for (size_t i = 0; i < n; i++) {
        if (!web_route_pattern_match(table[i].pattern, path, &tmp))
            continue;
        if (strcmp(table[i].method, method) == 0) {
            *out = tmp;
            out->def = &table[i];
            return WEB_MATCH_OK;
        }
        any = 1;
        if (strcmp(table[i].method, "GET") == 0)
            get = 1;
        else if (strcmp(table[i].method, "POST") == 0)
            post = 1;
    }
    if (!any)
        return WEB_MATCH_NONE;
    snprintf(out->allow, sizeof(out->allow), "%s%s%s", get ? "GET, HEAD" : "",
             get && post ? ", " : "", post ? "POST" : "");
    return WEB_MATCH_METHOD;
}

const char *web_route_param(const struct web_route *r, const char *name)
{
    for (int i = 0; i < r->n_params; i++)
        if (strcmp(r->params[i].name, name) == 0)
            return r->params[i].value;
    return NULL;
}

int64_t web_route_param_int(const struct web_route *r, const char *name)
{
    const char *v = web_route_param(r, name);
    int64_t x = 0;
    for (; v && *v >= '0' && *v <= '9'; v++)
        x = x * 10 + (*v - '0');
    return x;
}

int web_route_accepts(const char *params, const char *name)
{
    size_t n;
    if (!params)
        return 1;
    if (!name)
        return 0;
    n = strlen(name);
    for (const char *p = params; *p;) {
        size_t w;
        while (*p == ' ')
            p++;
        w = strcspn(p, " ");
        if (w == n && n > 0 && memcmp(p, name, n) == 0)
            return 1;
        p += w;
    }
    return 0;
}

int web_route_is_api_path(const char *path)
{
    return path && (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0);
}

static int take_uint(const char *s, int64_t *out)
{
    int64_t v = 0;
    if (!is_uint(s, strlen(s)))
        return 0;
    for (; *s; s++)
        v = v * 10 + (*s - '0');
    *out = v;
    return 1;
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

herald_status web_param_sort(const char *s, int *by_date)
{
    if (!s || !*s || strcmp(s, "relevance") == 0) {
        *by_date = 0;
        return HERALD_OK;
    }
    if (strcmp(s, "date") == 0) {
        *by_date = 1;
        return HERALD_OK;
    }
    return HERALD_E_INVALID;
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
