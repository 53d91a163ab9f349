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
#include "web/route.h"

#define ID "0123456789abcdef0123456789abcdef"

static enum web_route_kind kind(const char *path)
{
    struct web_route r;
    web_route_match(path, &r);
    return r.kind;
}

static void test_pages(void **state)
{
    struct web_route r;
    (void)state;
    assert_int_equal(kind("/"), WEB_ROUTE_HOME);
    assert_int_equal(kind("/search"), WEB_ROUTE_SEARCH);
    assert_int_equal(kind("/about"), WEB_ROUTE_ABOUT);
    assert_int_equal(kind("/favicon.ico"), WEB_ROUTE_FAVICON);
    assert_int_equal(web_route_match("/article/" ID, &r), 0);
    assert_int_equal(r.kind, WEB_ROUTE_ARTICLE);
    assert_string_equal(r.id, ID);
    assert_string_equal(r.lang, "");
    web_route_match("/en/article/" ID, &r);
    assert_int_equal(r.kind, WEB_ROUTE_ARTICLE);
    assert_string_equal(r.lang, "en");
    web_route_match("/pt-br/article/" ID, &r);
    assert_int_equal(r.kind, WEB_ROUTE_ARTICLE);
    assert_string_equal(r.lang, "pt-br");
    web_route_match("/source/42", &r);
    assert_int_equal(r.kind, WEB_ROUTE_SOURCE);
    assert_int_equal(r.source_id, 42);
    web_route_match("/static/herald.css", &r);
    assert_int_equal(r.kind, WEB_ROUTE_STATIC);
    assert_string_equal(r.static_name, "herald.css");
}

static void test_not_found(void **state)
{
    (void)state;
    assert_int_equal(kind(""), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("about"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/about/"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/nope"), WEB_ROUTE_NOT_FOUND);
    /* malformed ids name nothing */
    assert_int_equal(kind("/article/"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/article/0123"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/article/" ID "0"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/article/0123456789ABCDEF0123456789abcdef"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/article/" ID "/"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/article/zz23456789abcdef0123456789abcdef"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/EN/article/" ID), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/english/article/" ID), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/source/0"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/source/-1"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/source/12a"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/source/99999999999999999999"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/static/../etc/passwd"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/static/.hidden"), WEB_ROUTE_NOT_FOUND);
    assert_int_equal(kind("/static/a/b"), WEB_ROUTE_NOT_FOUND);
}

static void test_api(void **state)
{
    struct web_route r;
    (void)state;
    assert_int_equal(web_route_match("/api/v1/articles", &r), 1);
    assert_int_equal(r.kind, WEB_ROUTE_API_ARTICLES);
    assert_int_equal(web_route_match("/api/v1/articles/" ID, &r), 1);
    assert_int_equal(r.kind, WEB_ROUTE_API_ARTICLE);
    assert_string_equal(r.id, ID);
    assert_int_equal(kind("/api/v1/sources"), WEB_ROUTE_API_SOURCES);
    assert_int_equal(kind("/api/v1/feeds"), WEB_ROUTE_API_FEEDS);
    assert_int_equal(kind("/api/v1/search"), WEB_ROUTE_API_SEARCH);
    assert_int_equal(web_route_match("/api/v1/articles/nope", &r), 1);
    assert_int_equal(r.kind, WEB_ROUTE_API_NOT_FOUND);
    assert_int_equal(kind("/api/v2/articles"), WEB_ROUTE_API_NOT_FOUND);
    assert_int_equal(kind("/api"), WEB_ROUTE_API_NOT_FOUND);
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
        char longc[80];
        memset(longc, 'a', sizeof(longc) - 1);
        longc[79] = '\0';
        assert_int_equal(web_param_cursor(longc, cur), HERALD_E_INVALID);
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
        web_route_match(buf, &r);
        if (r.kind == WEB_ROUTE_ARTICLE || r.kind == WEB_ROUTE_API_ARTICLE) {
            assert_int_equal(strlen(r.id), 32);
            assert_true(url_is_article_id(r.id));
        }
        if (r.kind == WEB_ROUTE_SOURCE)
            assert_true(r.source_id > 0);
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
        cmocka_unit_test(test_pages),         cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_api),           cmocka_unit_test(test_params),
        cmocka_unit_test(test_random_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
