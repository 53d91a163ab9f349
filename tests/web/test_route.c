/* test_route.c - routing and query parameter validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <stdio.h>

#include "core/timeutil.h"
#include "core/url.h"
#include "web/internal.h"
#include "web/route.h"

#define ID "0123456789abcdef0123456789abcdef"

/* GET path in the server's table: the route's name; "404", or "api404" under /api/ (a JSON
 * 404).  Fills *r when given; returns whether the route is an API route (JSON errors). */
static int match(const char *path, struct web_route *r)
{
    struct web_route tmp;
    if (!r)
        r = &tmp;
    if (web_route_find(web_routes, web_routes_count, "GET", path, r) == WEB_MATCH_OK)
        return (r->def->flags & WEB_RF_API) != 0;
    return web_route_is_api_path(path);
}

static const char *kind(const char *path)
{
    struct web_route r;
    int api = match(path, &r);
    return r.def ? r.def->name : api ? "api404" : "404";
}

#define WEB_ROUTE_HOME "home"
#define WEB_ROUTE_SEARCH "search"
#define WEB_ROUTE_ABOUT "about"
#define WEB_ROUTE_FAVICON "favicon"
#define WEB_ROUTE_ARTICLE "article"
#define WEB_ROUTE_SOURCE "source"
#define WEB_ROUTE_STATIC "static"
#define WEB_ROUTE_NOT_FOUND "404"
#define WEB_ROUTE_API_ARTICLES "api_articles"
#define WEB_ROUTE_API_ARTICLE "api_article"
#define WEB_ROUTE_API_SOURCES "api_sources"
#define WEB_ROUTE_API_FEEDS "api_feeds"
#define WEB_ROUTE_API_SEARCH "api_search"
#define WEB_ROUTE_API_NOT_FOUND "api404"

static void test_pages(void **state)
{
    struct web_route r;
    (void)state;
    assert_string_equal(kind("/"), WEB_ROUTE_HOME);
    assert_string_equal(kind("/search"), WEB_ROUTE_SEARCH);
    assert_string_equal(kind("/about"), WEB_ROUTE_ABOUT);
    assert_string_equal(kind("/favicon.ico"), WEB_ROUTE_FAVICON);
    assert_int_equal(match("/article/" ID, &r), 0);
    assert_string_equal(r.def->name, WEB_ROUTE_ARTICLE);
    assert_string_equal(web_route_param(&r, "id"), ID);
    assert_null(web_route_param(&r, "lang"));
    match("/en/article/" ID, &r);
    assert_string_equal(r.def->name, WEB_ROUTE_ARTICLE);
    assert_string_equal(web_route_param(&r, "lang"), "en");
    match("/pt-br/article/" ID, &r);
    assert_string_equal(r.def->name, WEB_ROUTE_ARTICLE);
    assert_string_equal(web_route_param(&r, "lang"), "pt-br");
    match("/source/42", &r);
    assert_string_equal(r.def->name, WEB_ROUTE_SOURCE);
    assert_int_equal(web_route_param_int(&r, "n"), 42);
    match("/static/herald.css", &r);
    assert_string_equal(r.def->name, WEB_ROUTE_STATIC);
    assert_string_equal(web_route_param(&r, "name"), "herald.css");
}

static void test_not_found(void **state)
{
    (void)state;
    assert_string_equal(kind(""), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("about"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/about/"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/nope"), WEB_ROUTE_NOT_FOUND);
    /* malformed ids name nothing */
    assert_string_equal(kind("/article/"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/article/0123"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/article/" ID "0"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/article/0123456789ABCDEF0123456789abcdef"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/article/" ID "/"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/article/zz23456789abcdef0123456789abcdef"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/EN/article/" ID), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/english/article/" ID), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/source/0"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/source/-1"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/source/12a"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/source/99999999999999999999"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/static/../etc/passwd"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/static/.hidden"), WEB_ROUTE_NOT_FOUND);
    assert_string_equal(kind("/static/a/b"), WEB_ROUTE_NOT_FOUND);
}

static void test_api(void **state)
{
    struct web_route r;
    (void)state;
    assert_int_equal(match("/api/v1/articles", &r), 1);
    assert_string_equal(r.def->name, WEB_ROUTE_API_ARTICLES);
    assert_int_equal(match("/api/v1/articles/" ID, &r), 1);
    assert_string_equal(r.def->name, WEB_ROUTE_API_ARTICLE);
    assert_string_equal(web_route_param(&r, "id"), ID);
    assert_string_equal(kind("/api/v1/sources"), WEB_ROUTE_API_SOURCES);
    assert_string_equal(kind("/api/v1/feeds"), WEB_ROUTE_API_FEEDS);
    assert_string_equal(kind("/api/v1/search"), WEB_ROUTE_API_SEARCH);
    assert_int_equal(match("/api/v1/articles/nope", &r), 1);
    assert_string_equal(kind("/api/v1/articles/nope"), WEB_ROUTE_API_NOT_FOUND);
    assert_string_equal(kind("/api/v2/articles"), WEB_ROUTE_API_NOT_FOUND);
    assert_string_equal(kind("/api"), WEB_ROUTE_API_NOT_FOUND);
}

/* The table's own rules: methods, 405 with Allow, typed segments, parameters. */
static void test_table(void **state)
{
    static const struct web_route_def t[] = {
        {"GET", "/a/{id:hex32}", NULL, 0, "a", NULL},
        {"POST", "/a/{id:hex32}", NULL, 0, "a_post", NULL},
        {"POST", "/b", NULL, 0, "b", NULL},
        {"GET", "/u/{name}/x/{n:uint}", NULL, 0, "u", NULL},
        {"GET", "/bad/{x:nosuchtype}", NULL, 0, "bad", NULL},
    };
    struct web_route r;
    (void)state;
    assert_int_equal(web_route_find(t, 5, "GET", "/a/" ID, &r), WEB_MATCH_OK);
    assert_string_equal(r.def->name, "a");
    assert_int_equal(web_route_find(t, 5, "HEAD", "/a/" ID, &r), WEB_MATCH_OK);
    assert_string_equal(r.def->name, "a");
    assert_int_equal(web_route_find(t, 5, "POST", "/a/" ID, &r), WEB_MATCH_OK);
    assert_string_equal(r.def->name, "a_post");
    assert_int_equal(web_route_find(t, 5, "PUT", "/a/" ID, &r), WEB_MATCH_METHOD);
    assert_null(r.def);
    assert_string_equal(r.allow, "GET, HEAD, POST");
    assert_int_equal(web_route_find(t, 5, "GET", "/b", &r), WEB_MATCH_METHOD);
    assert_string_equal(r.allow, "POST");
    assert_int_equal(web_route_find(t, 5, "GET", "/a/xyz", &r), WEB_MATCH_NONE);
    assert_int_equal(web_route_find(t, 5, "GET", "/u/some-one_1.x/x/7", &r), WEB_MATCH_OK);
    assert_string_equal(web_route_param(&r, "name"), "some-one_1.x");
    assert_int_equal(web_route_param_int(&r, "n"), 7);
    assert_null(web_route_param(&r, "id"));
    assert_int_equal(web_route_find(t, 5, "GET", "/u/.x/x/7", &r), WEB_MATCH_NONE);
    assert_int_equal(web_route_find(t, 5, "GET", "/u/a b/x/7", &r), WEB_MATCH_NONE);
    assert_int_equal(web_route_find(t, 5, "GET", "/u//x/7", &r), WEB_MATCH_NONE);
    assert_int_equal(web_route_find(t, 5, "GET", "/u/a/x/7/", &r), WEB_MATCH_NONE);
    assert_int_equal(web_route_find(t, 5, "GET", "/bad/x", &r), WEB_MATCH_NONE);
    {
        char longp[128];
        memset(longp, 'a', sizeof(longp));
        memcpy(longp, "/u/", 3);
        snprintf(longp + 3 + 65, sizeof(longp) - 68, "/x/1");
        assert_int_equal(web_route_find(t, 5, "GET", longp, &r), WEB_MATCH_NONE);
        snprintf(longp + 3 + 64, sizeof(longp) - 67, "/x/1");
        assert_int_equal(web_route_find(t, 5, "GET", longp, &r), WEB_MATCH_OK);
    }
    /* every row of the server's table has a handler; no POST route at / */
    for (size_t i = 0; i < web_routes_count; i++)
        assert_non_null(web_routes[i].handler);
    /* every API row lists its query parameters (lowercase words, each once); pages none */
    for (size_t i = 0; i < web_routes_count; i++) {
        const struct web_route_def *d = &web_routes[i];
        const char *p = d->params;
        if (!web_route_is_api_path(d->pattern)) {
            if (p)
                fail_msg("%s: a page's query parameters are not checked", d->pattern);
            continue;
        }
        if (!p)
            fail_msg("%s %s has no params list", d->method, d->pattern);
        while (*p) {
            char word[32];
            size_t n = strcspn(p, " ");
            assert_true(n > 0 && n < sizeof(word));
            memcpy(word, p, n);
            word[n] = '\0';
            for (size_t k = 0; k < n; k++)
                assert_true((word[k] >= 'a' && word[k] <= 'z') || word[k] == '_');
            /* each word once: it is not found again after itself */
            assert_false(web_route_accepts(p + n, word));
            p += n;
            p += *p == ' ';
        }
    }
    assert_int_equal(web_route_find(web_routes, web_routes_count, "POST", "/", &r),
                     WEB_MATCH_METHOD);
    assert_string_equal(r.allow, "GET, HEAD");
}

/* The query parameters a route takes (route.h, web_route_def.params). */
static void test_accepts(void **state)
{
    struct web_route r;
    (void)state;
    assert_true(web_route_accepts(NULL, "anything"));
    assert_false(web_route_accepts("", "q"));
    assert_true(web_route_accepts("q", "q"));
    assert_true(web_route_accepts("cursor limit", "limit"));
    assert_true(web_route_accepts("cursor limit", "cursor"));
    assert_false(web_route_accepts("cursor limit", "limi"));
    assert_false(web_route_accepts("cursor limit", "limits"));
    assert_false(web_route_accepts("cursor limit", "cursor limit"));
    assert_false(web_route_accepts("cursor limit", ""));
    assert_false(web_route_accepts("cursor limit", NULL));
    assert_false(web_route_accepts("cursor  limit", " "));
    assert_true(web_route_accepts(" q  source ", "source"));
    /* the server's table: what each API handler reads, and nothing else */
    match("/api/v1/articles", &r);
    assert_true(web_route_accepts(r.def->params, "after"));
    assert_true(web_route_accepts(r.def->params, "language"));
    assert_false(web_route_accepts(r.def->params, "page"));
    match("/api/v1/search", &r);
    assert_true(web_route_accepts(r.def->params, "q"));
    assert_false(web_route_accepts(r.def->params, "after"));
    match("/api/v1/articles/" ID, &r);
    assert_false(web_route_accepts(r.def->params, "q"));
    match("/api/v1/articles/" ID "/ask", &r);
    assert_true(web_route_accepts(r.def->params, "q"));
    match("/api/v1/stories", &r);
    assert_true(web_route_accepts(r.def->params, "limit"));
    assert_false(web_route_accepts(r.def->params, "cursor"));
    match("/", &r);
    assert_null(r.def->params);
    assert_true(web_route_accepts(r.def->params, "utm_source"));
}

static void test_params(void **state)
{
    char cur[WEB_CURSOR_MAX], lang[WEB_LANG_MAX];
    int64_t v;
    (void)state;
    assert_int_equal(web_param_cursor(NULL, cur), HERALD_OK);
    assert_string_equal(cur, "");
    assert_int_equal(web_param_cursor("1764100000.0123abcd-9", cur), HERALD_OK);
    assert_string_equal(cur, "1764100000.0123abcd-9");
    assert_int_equal(web_param_cursor("12<script>", cur), HERALD_E_INVALID);
    assert_int_equal(web_param_cursor("ABC", cur), HERALD_E_INVALID);
    {
        char longc[WEB_CURSOR_MAX + 1];
        memset(longc, 'a', sizeof(longc) - 1);
        longc[WEB_CURSOR_MAX] = '\0';
        assert_int_equal(web_param_cursor(longc, cur), HERALD_E_INVALID);
        longc[WEB_CURSOR_MAX - 1] = '\0'; /* 95 characters fit */
        assert_int_equal(web_param_cursor(longc, cur), HERALD_OK);
    }
    {
        int by_date = -1;
        assert_int_equal(web_param_sort(NULL, &by_date), HERALD_OK);
        assert_int_equal(by_date, 0);
        assert_int_equal(web_param_sort("date", &by_date), HERALD_OK);
        assert_int_equal(by_date, 1);
        assert_int_equal(web_param_sort("relevance", &by_date), HERALD_OK);
        assert_int_equal(by_date, 0);
        assert_int_equal(web_param_sort("DATE", &by_date), HERALD_E_INVALID);
        assert_int_equal(web_param_sort("newest", &by_date), HERALD_E_INVALID);
    }

    assert_int_equal(web_param_date("", 0, &v), HERALD_OK);
    assert_true(v == TIME_NONE);
    assert_int_equal(web_param_date("2025-11-25", 0, &v), HERALD_OK);
    assert_int_equal(v, 1764028800);
    assert_int_equal(web_param_date("2025-11-25", 1, &v), HERALD_OK);
    assert_int_equal(v, 1764028800 + 86399);
    assert_int_equal(web_param_date("2025-11-25T19:46:40Z", 0, &v), HERALD_OK);
    assert_int_equal(v, 1764100000);
    assert_int_equal(web_param_date("2024-02-29", 0, &v), HERALD_OK);
    assert_int_equal(web_param_date("2025-02-29", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-13-01", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-1-01", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("yesterday", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-11-25T25:00:00Z", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-04-31", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("1900-02-29", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("1969-12-31", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-11-25T19:46:60Z", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-11-25T19:46:40+01:00", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-11-25 ", 0, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_date("2025-11-25T19:46:40Z", 1, &v), HERALD_OK);
    assert_int_equal(v, 1764100000); /* a full timestamp is not moved to the day's end */

    assert_int_equal(web_param_uint(NULL, 100, 7, &v), HERALD_OK);
    assert_int_equal(v, 7);
    assert_int_equal(web_param_uint("100", 100, 7, &v), HERALD_OK);
    assert_int_equal(v, 100);
    assert_int_equal(web_param_uint("101", 100, 7, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_uint("0", 100, 7, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_uint("-1", 100, 7, &v), HERALD_E_INVALID);
    assert_int_equal(web_param_uint("1e3", 10000, 7, &v), HERALD_E_INVALID);

    assert_int_equal(web_param_lang("en", lang), HERALD_OK);
    assert_string_equal(lang, "en");
    assert_int_equal(web_param_lang("de-AT", lang), HERALD_OK);
    assert_int_equal(web_param_lang("e", lang), HERALD_E_INVALID);
    assert_int_equal(web_param_lang("en_US", lang), HERALD_E_INVALID);
    assert_int_equal(web_param_lang("en-\"x", lang), HERALD_E_INVALID);
}

/* Random bytes and mutated valid inputs never crash the parsers (ASan watches) and never
 * produce a route with a malformed id. */
static void test_random_inputs(void **state)
{
    static const char *seeds[] = {"/article/0123456789abcdef0123456789abcdef",
                                  "/en/article/0123456789abcdef0123456789abcdef",
                                  "/source/42",
                                  "/api/v1/articles/0123456789abcdef0123456789abcdef",
                                  "/static/herald.css",
                                  "2025-11-25T19:46:40Z",
                                  "1764100000.0123abcd"};
    unsigned long long x = 0x9e3779b97f4a7c15ULL;
    char buf[96], cur[WEB_CURSOR_MAX], lang[WEB_LANG_MAX];
    struct web_route r;
    int64_t v;
    (void)state;
    for (int i = 0; i < 20000; i++) {
        size_t n;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (i % 2) {
            n = x % sizeof(buf);
            for (size_t k = 0; k < n; k++) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                buf[k] = (char)(x & 0xff);
                if (!buf[k])
                    buf[k] = '/';
            }
            buf[n] = '\0';
        } else {
            const char *s = seeds[x % (sizeof(seeds) / sizeof(seeds[0]))];
            snprintf(buf, sizeof(buf), "%s", s);
            n = strlen(buf);
            buf[(x >> 8) % n] = (char)((x >> 16) & 0x7f) ? (char)((x >> 16) & 0x7f) : 'x';
        }
        match(buf, &r);
        if (r.def && web_route_param(&r, "id")) {
            assert_int_equal(strlen(web_route_param(&r, "id")), 32);
            assert_true(url_is_article_id(web_route_param(&r, "id")));
        }
        if (r.def && strcmp(r.def->name, WEB_ROUTE_SOURCE) == 0)
            assert_true(web_route_param_int(&r, "n") > 0);
        if (web_param_cursor(buf, cur) == HERALD_OK)
            assert_true(strlen(cur) < WEB_CURSOR_MAX);
        web_param_date(buf, i % 3 == 0, &v);
        web_param_uint(buf, 1000, 1, &v);
        if (web_param_lang(buf, lang) == HERALD_OK)
            assert_true(strlen(lang) < WEB_LANG_MAX);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages),  cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_api),    cmocka_unit_test(test_accepts),
        cmocka_unit_test(test_params), cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
