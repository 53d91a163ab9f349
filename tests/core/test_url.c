/* test_url.c - resolution, normalisation and article ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/url.h"

static void expect_resolve(const char *base, const char *ref, const char *want)
{
    char *out = NULL;
    assert_int_equal(url_resolve(base, ref, &out), HERALD_OK);
    assert_string_equal(out, want);
    free(out);
}

static void expect_normal(const char *in, const char *want)
{
    char *out = NULL;
    assert_int_equal(url_normalize(in, &out), HERALD_OK);
    assert_string_equal(out, want);
    free(out);
}

static void test_resolve(void **state)
{
    (void)state;
    expect_resolve("http://example.com/a/b/feed.xml", "../c/page.html",
                   "http://example.com/a/c/page.html");
    expect_resolve("http://example.com/a/", "/root", "http://example.com/root");
    expect_resolve("http://example.com/a/", "https://other.org/x", "https://other.org/x");
    expect_resolve(NULL, "https://other.org/x", "https://other.org/x");
    expect_resolve("http://example.com/a/b", "?q=1", "http://example.com/a/b?q=1");
    char *out = NULL;
    assert_int_equal(url_resolve(NULL, "relative/only", &out), HERALD_E_INVALID);
    assert_null(out);
}

static void test_normalize(void **state)
{
    (void)state;
    expect_normal("HTTP://Example.COM:80/Path?a=1#frag", "http://example.com/Path?a=1");
    expect_normal("https://example.com:443", "https://example.com/");
    expect_normal("https://example.com:8443/x", "https://example.com:8443/x");
    expect_normal("https://ex.com/a?utm_source=rss&id=7&utm_medium=feed&fbclid=zz",
                  "https://ex.com/a?id=7");
    expect_normal("https://ex.com/a?utm_source=rss", "https://ex.com/a");
    char *out = NULL;
    assert_int_equal(url_normalize("not a url", &out), HERALD_E_INVALID);
}

static void test_article_id(void **state)
{
    (void)state;
    char a[URL_ID_LEN + 1], b[URL_ID_LEN + 1], c[URL_ID_LEN + 1];
    assert_int_equal(url_article_id("https://News.example/story?utm_campaign=x#top", a), HERALD_OK);
    assert_int_equal(url_article_id("https://news.example/story", b), HERALD_OK);
    assert_int_equal(url_article_id("https://news.example/other", c), HERALD_OK);
    assert_true(url_is_article_id(a));
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_false(url_is_article_id("0123"));
    assert_false(url_is_article_id("0123456789ABCDEF0123456789abcdef"));
    assert_true(url_is_article_id("0123456789abcdef0123456789abcdef"));
}

static void test_scheme_host(void **state)
{
    (void)state;
    char buf[16];
    char *host = NULL;
    assert_int_equal(url_scheme("HTTPS://x.org/", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "https");
    assert_int_equal(url_scheme("file:///etc/passwd", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "file");
    assert_int_equal(url_scheme("no-colon", buf, sizeof(buf)), -1);
    assert_int_equal(url_host("http://WWW.Example.org:8080/x", &host), HERALD_OK);
    assert_string_equal(host, "www.example.org");
    free(host);
}

/* Leading/trailing spaces and controls are trimmed, never turned into a relative path;
 * a reference that names its host as an odd IPv4 spelling is not resolved (curl would
 * rewrite it to the dotted form and hide it from the SSRF policy). */
static void test_resolve_hostile(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(url_resolve("file:///home/me/list.opml", "  http://example.org/feed \n", &out),
                     HERALD_OK);
    assert_string_equal(out, "http://example.org/feed");
    free(out);
    assert_int_equal(url_resolve("https://a.example/x/", "\t page.html", &out), HERALD_OK);
    assert_string_equal(out, "https://a.example/x/page.html");
    free(out);
    out = NULL;
    assert_int_equal(url_resolve("https://a.example/", "http://0x7f.1/x", &out), HERALD_E_INVALID);
    assert_int_equal(url_resolve("https://a.example/", "//2130706433/x", &out), HERALD_E_INVALID);
    assert_int_equal(url_resolve(NULL, "http://127.1:8080/x", &out), HERALD_E_INVALID);
    assert_int_equal(url_resolve(NULL, "http://0177.0.0.1/", &out), HERALD_E_INVALID);
    assert_null(out);
    assert_int_equal(url_resolve(NULL, "http://127.0.0.1/x", &out), HERALD_OK);
    free(out);
}

static void test_hosts_as_written(void **state)
{
    (void)state;
    char h[64];
    assert_int_equal(url_raw_host("http://u:p@0177.0.0.1:80/x", h, sizeof(h)), 0);
    assert_string_equal(h, "0177.0.0.1");
    assert_int_equal(url_raw_host("//[::1]:8080/", h, sizeof(h)), 0);
    assert_string_equal(h, "::1");
    assert_int_equal(url_raw_host("https://example.org./", h, sizeof(h)), 0);
    assert_string_equal(h, "example.org");
    assert_int_equal(url_raw_host("javascript:alert(1)", h, sizeof(h)), -1);
    assert_int_equal(url_raw_host("/relative", h, sizeof(h)), -1);
    assert_true(url_host_is_dotted_quad("127.0.0.1"));
    assert_false(url_host_is_dotted_quad("127.000.0.1"));
    assert_false(url_host_is_dotted_quad("127.1"));
    assert_true(url_host_is_odd_ipv4("0x7f.1"));
    assert_true(url_host_is_odd_ipv4("2130706433"));
    assert_true(url_host_is_odd_ipv4("127.1"));
    assert_true(url_host_is_odd_ipv4("0177.0.0.1"));
    assert_true(url_host_is_odd_ipv4("example.0x10"));
    assert_false(url_host_is_odd_ipv4("127.0.0.1"));
    assert_false(url_host_is_odd_ipv4("example.org"));
    assert_false(url_host_is_odd_ipv4("1.example"));
}

static void test_link_policy(void **state)
{
    (void)state;
    const char *local = "file:///srv/feeds/local.xml", *remote = "https://news.example/feed";
    assert_true(url_is_http("https://example.org/a.jpg"));
    assert_true(url_is_http("HTTP://example.org"));
    assert_false(url_is_http("https://example.org/a.jpg\r\nSet-Cookie: x=y"));
    assert_false(url_is_http("https://example.org/a b.jpg"));
    assert_false(url_is_http("https://example.org/\x7f"));
    assert_false(url_is_http("javascript:alert(1)"));
    assert_false(url_is_http("data:image/png;base64,AAAA"));
    assert_false(url_is_http("http:///nohost"));
    assert_false(url_is_http("/relative"));
    assert_false(url_is_http(NULL));
    assert_true(url_is_file("FILE:///etc/passwd"));
    assert_false(url_is_file("https://x/"));

    /* http(s) from anywhere; not an odd IPv4 spelling */
    assert_true(url_link_allowed(remote, "https://news.example/a", 0));
    assert_true(url_link_allowed(NULL, "http://news.example/a", 1));
    assert_false(url_link_allowed(remote, "http://0x7f.1/a", 1));
    assert_false(url_link_allowed(remote, "http://2130706433/a", 1));
    /* file: only from a local document, and only when file URLs are on */
    assert_true(url_link_allowed(local, "file:///srv/feeds/a.html", 1));
    assert_false(url_link_allowed(local, "file:///srv/feeds/a.html", 0));
    assert_false(url_link_allowed(remote, "file:///proc/self/environ", 1));
    assert_false(url_link_allowed(NULL, "file:///etc/passwd", 1));
    assert_false(url_link_allowed("http://x.example/file:///", "file:///etc/passwd", 1));
    /* nothing else */
    assert_false(url_link_allowed(local, "javascript:alert(1)", 1));
    assert_false(url_link_allowed(local, "data:text/html,x", 1));
    assert_false(url_link_allowed(local, "ftp://x.example/f", 1));
}

static void expect_parts(const char *url, const char *scheme, const char *host, int port)
{
    struct url_parts u;
    assert_int_equal(url_parse(url, &u), HERALD_OK);
    assert_string_equal(u.scheme, scheme);
    if (host)
        assert_string_equal(u.host, host);
    else
        assert_null(u.host);
    assert_int_equal(u.port, port);
    url_parts_release(&u);
}

static void test_parse(void **state)
{
    (void)state;
    struct url_parts u;
    expect_parts("HTTP://WWW.Example.ORG/x", "http", "www.example.org", 80);
    expect_parts("https://example.org/", "https", "example.org", 443);
    expect_parts("http://example.org:8080/", "http", "example.org", 8080);
    expect_parts("http://[::1]:8443/x", "http", "::1", 8443);
    expect_parts("http://[FE80::1]/", "http", "fe80::1", 80);
    expect_parts("file:///tmp/x", "file", NULL, -1);
    expect_parts("gopher2://h/", "gopher2", "h", -1);
    assert_int_equal(url_parse("/relative/path", &u), HERALD_E_INVALID);
    assert_null(u.host);
    assert_int_equal(url_parse(NULL, &u), HERALD_E_INVALID);
    assert_int_equal(url_parse("http://exa mple.org/", &u), HERALD_E_INVALID);
    url_parts_release(&u);
    url_parts_release(NULL);
}

static void test_file_path(void **state)
{
    (void)state;
    char *p = NULL;
    assert_int_equal(url_file_path("file:///tmp/a%20b.png", &p), HERALD_OK);
    assert_string_equal(p, "/tmp/a b.png");
    free(p);
    assert_int_equal(url_file_path("FILE://localhost/etc/x", &p), HERALD_OK);
    assert_string_equal(p, "/etc/x");
    free(p);
    p = NULL;
    assert_int_equal(url_file_path("http://example.org/etc/passwd", &p), HERALD_E_INVALID);
    assert_int_equal(url_file_path("file://evil.example/etc/passwd", &p), HERALD_E_INVALID);
    assert_int_equal(url_file_path("file:///tmp/a%00b", &p), HERALD_E_INVALID);
    assert_int_equal(url_file_path(NULL, &p), HERALD_E_INVALID);
    assert_null(p);
}

/* web.base_url and the Host header: only plain, absolute, header- and markup-safe values. */
static void test_base_and_authority(void **state)
{
    static const char *const bad_base[] = {
        "ftp://news.example",
        "news.example",
        "/relative",
        "https://news.example/?q=1",
        "https://news.example/#top",
        "https://user@news.example/",
        "https://news.example/a b",
        "https://news.example/\"x",
        "https://news.example/<x>",
        "javascript:alert(1)",
        "https://",
        "",
    };
    static const char *const good_host[] = {"news.example", "127.0.0.1:8080", "[::1]:80",
                                            "a-b.example.org", "localhost"};
    static const char *const bad_host[] = {"",     "evil\"><x>", "a b",      "x/y", "u@h",
                                           "h:",   "h:123456",   "-h",       ".h",  "[zz]",
                                           "[::1", "h:80:80",    "h\r\nX: y"};
    char *out = NULL;
    (void)state;
    assert_int_equal(url_base_check("https://news.example/herald//", &out), HERALD_OK);
    assert_string_equal(out, "https://news.example/herald");
    free(out);
    assert_int_equal(url_base_check("http://127.0.0.1:8080", &out), HERALD_OK);
    assert_string_equal(out, "http://127.0.0.1:8080");
    free(out);
    out = NULL;
    for (size_t i = 0; i < sizeof(bad_base) / sizeof(bad_base[0]); i++) {
        if (url_base_check(bad_base[i], &out) != HERALD_E_INVALID)
            fail_msg("accepted base URL '%s'", bad_base[i]);
        assert_null(out);
    }
    assert_int_equal(url_base_check(NULL, &out), HERALD_E_INVALID);
    for (size_t i = 0; i < sizeof(good_host) / sizeof(good_host[0]); i++)
        if (!url_authority_ok(good_host[i]))
            fail_msg("refused Host '%s'", good_host[i]);
    for (size_t i = 0; i < sizeof(bad_host) / sizeof(bad_host[0]); i++)
        if (url_authority_ok(bad_host[i]))
            fail_msg("accepted Host '%s'", bad_host[i]);
    assert_false(url_authority_ok(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolve_hostile), cmocka_unit_test(test_hosts_as_written),
        cmocka_unit_test(test_link_policy),     cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_normalize),       cmocka_unit_test(test_article_id),
        cmocka_unit_test(test_scheme_host),     cmocka_unit_test(test_parse),
        cmocka_unit_test(test_file_path),       cmocka_unit_test(test_base_and_authority),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
