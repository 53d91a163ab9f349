/*
 * test_http.c - the web server in-process on a random loopback port over a temporary
 * database filled through the store API (fixture.c), exercised with libcurl: every page
 * and API route, status codes (200/304/400/404/405/503), security and caching headers,
 * conditional requests, HEAD, gzip and brotli negotiation, stored related lists, escaping of
 * hostile data, the access log, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <brotli/decode.h>
#include <curl/curl.h>
#include <jansson.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "fixture.h"
#include "httpc.h"
#include "store/store.h"
#include "testutil.h"
#include "web/server.h"

#define CSP_EXPECTED                                                                               \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

static char *dir, *db, *logpath;
static FILE *access_logf;
static web_server *srv;
static unsigned port;
static struct fixture_ids ids;

/* The server's clock for its data-version throttle (cfg.clock_ms): it moves only when a
 * test moves it, so "within version_check_ms" and "after it" are not a matter of timing. */
static _Atomic int64_t fake_ms = 1000000;

static int64_t fake_clock(void)
{
    return fake_ms;
}

static int setup(void **state)
{
    struct web_config cfg;
    size_t n;
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    dir = test_tmpdir();
    n = strlen(dir) + 32;
    db = xmalloc(n);
    logpath = xmalloc(n);
    snprintf(db, n, "%s/news.db", dir);
    snprintf(logpath, n, "%s/access.log", dir);
    if (fixture_build(db, time_now(), &ids) != HERALD_OK)
        return -1;
    access_logf = fopen(logpath, "w+");
    fixture_web_config(&cfg, db);
    cfg.access_log = access_logf;
    cfg.clock_ms = fake_clock;
    port = fixture_serve(&cfg, &srv);
    return port ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    web_server_free(srv);
    fclose(access_logf);
    test_rmtree(dir);
    free(dir);
    free(db);
    free(logpath);
    curl_global_cleanup();
    return 0;
}

static int has(const struct httpc_resp *r, const char *needle)
{
    return strstr(r->body.buf, needle) != NULL;
}

static void assert_header(const struct httpc_resp *r, const char *name, const char *want)
{
    char *v = httpc_header(r, name);
    if (!v)
        fail_msg("missing header %s", name);
    if (want && strcmp(v, want) != 0)
        fail_msg("header %s: got '%s', want '%s'", name, v, want);
    free(v);
}

static void get(const char *path, struct httpc_resp *r)
{
    httpc_do(port, NULL, path, NULL, 0, r);
}

/* Security headers and the no-inline rules hold for every HTML page. */
static void check_html(const struct httpc_resp *r)
{
    assert_header(r, "Content-Type", "text/html; charset=utf-8");
    assert_header(r, "Content-Security-Policy", CSP_EXPECTED);
    assert_header(r, "X-Content-Type-Options", "nosniff");
    assert_header(r, "Referrer-Policy", NULL);
    assert_header(r, "X-Frame-Options", "DENY");
    assert_header(r, "Cache-Control", NULL);
    assert_true(test_html_script_ok(r->body.buf)); /* /static/herald.js alone, deferred */
    assert_null(strstr(r->body.buf, " style="));
    assert_null(strstr(r->body.buf, "onerror=\""));
}

static void test_home(void **state)
{
    struct httpc_resp r;
    (void)state;
    get("/", &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_header(&r, "ETag", NULL);
    assert_true(has(&r, "Czech Republic accuses China"));
    assert_true(has(&r, "Japan says China will resume Japanese seafood imports"));
    assert_true(has(&r, "Top stories"));
    assert_true(has(&r, "&lt;script&gt;alert(\"pwned\")&lt;/script&gt; \"Quoted\" &amp; "
                        "'single' &lt;b&gt;bold&lt;/b&gt;"));
    assert_true(has(&r, "Evil \"Source\" &lt;i&gt;Daily&lt;/i&gt;"));
    assert_true(has(&r, "loading=\"lazy\""));
    assert_true(has(&r, "hours ago</time>"));
    httpc_release(&r);
}

static void test_home_paging(void **state)
{
    struct httpc_resp r;
    (void)state;
    get("/?before=zz", &r);
    assert_int_equal(r.status, 400);
    check_html(&r);
    httpc_release(&r);
    get("/?before=abc.def", &r); /* well-shaped but meaningless: the store says no */
    assert_int_equal(r.status, 400);
    httpc_release(&r);
}

static void test_article(void **state)
{
    struct httpc_resp r;
    char path[96], *lm;
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.czech);
    get(path, &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<h1>Czech Republic accuses China of \xe2\x80\x98malicious cyber "
                        "campaign\xe2\x80\x99 against its foreign ministry</h1>"));
    /* the lead image through the proxy, never the publisher's URL (the CSP allows only
     * 'self') */
    assert_true(has(&r, "<img class=\"lead\" src=\"/media/"));
    assert_false(has(&r, "images.example"));
    assert_true(has(&r, "<figcaption>The foreign minister speaks"));
    assert_true(has(&r, "By Jana Novak"));
    assert_true(has(&r, "<time datetime=\""));
    assert_true(has(&r, ">7 hours ago</time>"));
    assert_true(has(&r, "<p>PRAGUE \xe2\x80\x94 The Czech Republic has accused China"));
    assert_true(has(&r, "\xc2\xa9 2025 World Wire. All rights reserved."));
    assert_true(has(&r, "href=\"https://wire.example/2025/czech-china-cyber\""));
    assert_true(has(&r, "No comments yet."));
    assert_true(has(&r, "Related articles"));
    {
        char src[64];
        snprintf(src, sizeof(src), "href=\"/source/%lld\"", (long long)ids.wire_source);
        assert_true(has(&r, src));
    }
    /* related come from other outlets only: never the article itself */
    {
        const char *rel = strstr(r.body.buf, "class=\"related\"");
        char self[64];
        assert_non_null(rel);
        snprintf(self, sizeof(self), "/article/%s\"", ids.czech);
        assert_null(strstr(rel, self));
    }
    /* the AI section from the stored analysis (fixture.c), entities linked */
    assert_true(has(&r, "<h2 id=\"ai-h\">AI features</h2>"));
    assert_true(has(&r, "<h3>Key points</h3>"));
    assert_true(has(&r, "<a href=\"/entity/nato\">NATO</a>"));
    assert_true(has(&r, "<li>cyber campaign</li>"));
    assert_false(has(&r, "class=\"answer\""));
    lm = httpc_header(&r, "Last-Modified");
    assert_non_null(lm);
    free(lm);
    httpc_release(&r);

    /* a question is answered fresh (never from the page cache), then the plain page is
     * the cached one again, without the answer */
    snprintf(path, sizeof(path), "/article/%s?q=xylophone+zeppelin", ids.czech);
    get(path, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "Not found in this article"));
    assert_true(has(&r, "value=\"xylophone zeppelin\""));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/article/%s", ids.czech);
    get(path, &r);
    assert_false(has(&r, "class=\"answer\""));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/entity/nato");
    get(path, &r);
    assert_int_equal(r.status, 200);
    {
        char link[64];
        snprintf(link, sizeof(link), "href=\"/article/%s\"", ids.czech);
        assert_true(has(&r, link));
        /* and the story of that article */
        assert_true(has(&r, "<h2 id=\"ent-s\">Stories, newest first</h2>"));
        assert_true(has(&r, "<h3 class=\"title\"><a href=\"/story/"));
    }
    httpc_release(&r);

    snprintf(path, sizeof(path), "/en/article/%s", ids.czech);
    get(path, &r);
    assert_int_equal(r.status, 200);
    {
        char canon[128];
        /* absolute, from the (well-formed) Host header, since no base URL is configured */
        snprintf(canon, sizeof(canon),
                 "<link rel=\"canonical\" href=\"http://127.0.0.1:%u/article/%s\">", port,
                 ids.czech);
        assert_true(has(&r, canon));
    }
    httpc_release(&r);
}

static void test_hostile_article(void **state)
{
    struct httpc_resp r;
    char path[96];
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.hostile);
    get(path, &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<title>&lt;script&gt;alert(\"pwned\")"));
    assert_true(has(&r, "By Mallory \"&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert_false(has(&r, "<img src=x"));
    assert_false(has(&r, "<script>"));
    assert_false(has(&r, "onerror=\"alert"));
    assert_true(has(&r, "\xc2\xa9 &lt;script&gt;evil()&lt;/script&gt;"));
    httpc_release(&r);
}

static void test_not_found(void **state)
{
    static const char *const paths[] = {"/article/0123456789abcdef0123456789abcdef",
                                        "/article/xyz",
                                        "/article/0123456789ABCDEF0123456789abcdef",
                                        "/nope",
                                        "/source/99999",
                                        "/source/abc",
                                        "/static/nope.css",
                                        "/xx/article/0123456789abcdef0123456789abcdef"};
    struct httpc_resp r;
    (void)state;
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        get(paths[i], &r);
        if (r.status != 404)
            fail_msg("%s: status %ld", paths[i], r.status);
        check_html(&r);
        assert_true(has(&r, "404"));
        httpc_release(&r);
    }
}

static void test_methods(void **state)
{
    struct httpc_resp r;
    (void)state;
    httpc_do(port, "POST", "/", NULL, 0, &r);
    assert_int_equal(r.status, 405);
    assert_header(&r, "Allow", "GET, HEAD");
    check_html(&r);
    httpc_release(&r);
    httpc_do(port, "DELETE", "/api/v1/articles", NULL, 0, &r);
    assert_int_equal(r.status, 405);
    assert_header(&r, "Allow", "GET, HEAD");
    assert_true(has(&r, "\"code\":\"method_not_allowed\""));
    httpc_release(&r);
}

static void test_conditional(void **state)
{
    struct httpc_resp r, r2;
    char path[96], hdr[128], *etag, *lm;
    const char *hdrs[2] = {hdr, NULL};
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.seafood);
    get(path, &r);
    assert_int_equal(r.status, 200);
    etag = httpc_header(&r, "ETag");
    lm = httpc_header(&r, "Last-Modified");
    assert_non_null(etag);
    assert_non_null(lm);

    snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
    httpc_do(port, NULL, path, hdrs, 0, &r2);
    assert_int_equal(r2.status, 304);
    assert_int_equal(r2.body.len, 0);
    assert_header(&r2, "ETag", etag);
    httpc_release(&r2);

    snprintf(hdr, sizeof(hdr), "If-None-Match: \"0000000000000000\"");
    httpc_do(port, NULL, path, hdrs, 0, &r2);
    assert_int_equal(r2.status, 200);
    httpc_release(&r2);

    snprintf(hdr, sizeof(hdr), "If-Modified-Since: %s", lm);
    httpc_do(port, NULL, path, hdrs, 0, &r2);
    assert_int_equal(r2.status, 304);
    httpc_release(&r2);

    snprintf(hdr, sizeof(hdr), "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT");
    httpc_do(port, NULL, path, hdrs, 0, &r2);
    assert_int_equal(r2.status, 200);
    httpc_release(&r2);

    /* the home page revalidates by ETag too */
    free(etag);
    httpc_release(&r);
    get("/about", &r);
    etag = httpc_header(&r, "ETag");
    assert_non_null(etag);
    httpc_release(&r);
    free(etag);
    free(lm);
}

static void test_head_and_gzip(void **state)
{
    struct httpc_resp g, h, z;
    char path[96], *cl, *ce, *vary;
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.czech);
    get(path, &g);
    httpc_do(port, "HEAD", path, NULL, 0, &h);
    assert_int_equal(h.status, 200);
    assert_int_equal(h.body.len, 0);
    cl = httpc_header(&h, "Content-Length");
    assert_non_null(cl);
    assert_int_equal(strtoul(cl, NULL, 10), g.body.len);
    assert_header(&h, "Content-Security-Policy", CSP_EXPECTED);
    free(cl);

    httpc_do(port, NULL, path, NULL, 1, &z);
    assert_int_equal(z.status, 200);
    ce = httpc_header(&z, "Content-Encoding");
    vary = httpc_header(&z, "Vary");
    assert_non_null(ce);
    assert_string_equal(ce, "gzip");
    assert_string_equal(vary, "Accept-Encoding");
    assert_true(z.size_download < (double)g.body.len); /* compressed on the wire */
    /* relative times may tick between the two requests; compare the stable head */
    assert_int_equal(z.body.len > 1000, 1);
    assert_memory_equal(z.body.buf, g.body.buf, 200);
    free(ce);
    free(vary);
    httpc_release(&g);
    httpc_release(&h);
    httpc_release(&z);
}

static void test_static(void **state)
{
    struct httpc_resp r, c;
    const char *p, *q;
    char href[128];
    (void)state;
    get("/", &r);
    p = strstr(r.body.buf, "href=\"/static/herald.css?v=");
    assert_non_null(p);
    p += 6;
    q = strchr(p, '"');
    snprintf(href, sizeof(href), "%.*s", (int)(q - p), p);
    get(href, &c);
    assert_int_equal(c.status, 200);
    assert_header(&c, "Content-Type", "text/css; charset=utf-8");
    assert_header(&c, "Cache-Control", "public, max-age=31536000, immutable");
    assert_true(strstr(c.body.buf, "prefers-color-scheme: dark") != NULL);
    httpc_release(&c);
    get("/static/favicon.svg", &c);
    assert_int_equal(c.status, 200);
    assert_header(&c, "Content-Type", "image/svg+xml");
    httpc_release(&c);
    /* the script: linked by its hash, deferred, immutable under that URL, allowed by the
     * CSP's script-src 'self' */
    p = strstr(r.body.buf, "<script src=\"/static/herald.js?v=");
    assert_non_null(p);
    p += 13;
    q = strchr(p, '"');
    snprintf(href, sizeof(href), "%.*s", (int)(q - p), p);
    assert_int_equal(strncmp(q, "\" defer></script>", 17), 0);
    get(href, &c);
    assert_int_equal(c.status, 200);
    assert_header(&c, "Content-Type", "text/javascript; charset=utf-8");
    assert_header(&c, "Cache-Control", "public, max-age=31536000, immutable");
    assert_header(&c, "X-Content-Type-Options", "nosniff");
    assert_true(strstr(c.body.buf, "addEventListener('keydown'") != NULL);
    assert_null(strstr(c.body.buf, "eval("));
    httpc_release(&c);
    get("/static/herald.js", &c); /* unversioned: a short lifetime */
    assert_int_equal(c.status, 200);
    assert_header(&c, "Cache-Control", "public, max-age=300");
    httpc_release(&c);
    httpc_release(&r);
}

/* Every <time> carries the exact instant in UTC; its text is in the configured zone
 * (web.timezone), the same for every reader; an unknown zone stops the server starting. */
static void test_timezone(void **state)
{
    struct web_config cfg;
    web_server *berlin = NULL;
    struct httpc_resp r;
    const char *p;
    int n = 0;
    (void)state;
    get("/", &r);
    assert_int_equal(r.status, 200);
    for (p = strstr(r.body.buf, "<time"); p; p = strstr(p + 1, "<time")) {
        const char *d = p + 5;
        assert_int_equal(strncmp(d, " datetime=\"", 11), 0);
        d += 11;
        /* YYYY-MM-DDTHH:MM:SSZ */
        assert_true(strlen(d) > 21 && d[4] == '-' && d[10] == 'T' && d[19] == 'Z' && d[20] == '"');
        n++;
    }
    assert_true(n >= 3);
    /* recent: relative, with the date and time in UTC (the default) as its title */
    assert_non_null(strstr(r.body.buf, " UTC\" data-rel>7 hours ago</time>"));
    httpc_release(&r);

    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 1;
    cfg.timezone = "Mars/Olympus_Mons";
    assert_int_equal(web_server_start(&cfg, &berlin), HERALD_E_NOTFOUND);
    assert_null(berlin);
    if (access("/usr/share/zoneinfo/Europe/Berlin", R_OK) != 0) {
        printf("SKIP timezone Europe/Berlin: no tz database\n");
        skip();
    }
    cfg.timezone = "Europe/Berlin";
    assert_int_equal(web_server_start(&cfg, &berlin), HERALD_OK);
    httpc_do(web_server_port(berlin), NULL, "/", NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(strstr(r.body.buf, " CET\" data-rel>7 hours ago</time>") ||
                strstr(r.body.buf, " CEST\" data-rel>7 hours ago</time>"));
    assert_null(strstr(r.body.buf, " UTC\" data-rel>"));
    httpc_release(&r);
    web_server_free(berlin);
}

static void test_search(void **state)
{
    struct httpc_resp r;
    char path[128];
    (void)state;
    get("/search", &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<form class=\"search\""));
    /* two search landmarks on the page, each with its own accessible name */
    assert_true(has(&r, "role=\"search\" aria-label=\"Site search\""));
    assert_true(has(&r, "role=\"search\" aria-label=\"Search articles\""));
    httpc_release(&r);

    get("/search?q=seafood", &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<mark>"));
    assert_true(has(&r, "Japan says China will resume"));
    httpc_release(&r);

    snprintf(path, sizeof(path), "/search?q=china&source=%lld", (long long)ids.japan_today);
    get(path, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "seafood"));
    assert_false(has(&r, "Czech Republic accuses"));
    httpc_release(&r);

    get("/search?q=%22unbalanced", &r);
    assert_int_equal(r.status, 400);
    check_html(&r);
    assert_true(has(&r, "role=\"alert\""));
    httpc_release(&r);

    get("/search?q=china&since=yesterday", &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
    get("/search?q=china&source=-3", &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
    get("/search?q=%3Cscript%3E", &r); /* a query that is only punctuation */
    assert_true(r.status == 200 || r.status == 400);
    assert_false(has(&r, "<script>"));
    httpc_release(&r);

    /* Count, sort by date, cursors. */
    get("/search?q=china", &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, " results \xc2\xb7 Sort by: <strong>relevance</strong>"));
    assert_true(has(&r, "href=\"/search?q=china&amp;sort=date\">date</a>"));
    httpc_release(&r);
    get("/search?q=china&sort=date", &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<strong>date</strong>"));
    assert_true(has(&r, "<mark>"));
    httpc_release(&r);
    static const char *const bad_pages[] = {
        "/search?q=china&sort=newest", "/search?q=china&cursor=zz",
        "/search?q=china&cursor=9.1.0",           /* well-shaped, not a search cursor */
        "/search?q=china&sort=date&cursor=1.5.0", /* a relevance cursor */
    };
    for (size_t i = 0; i < sizeof(bad_pages) / sizeof(bad_pages[0]); i++) {
        get(bad_pages[i], &r);
        assert_int_equal(r.status, 400);
        check_html(&r);
        assert_true(has(&r, "role=\"alert\""));
        httpc_release(&r);
    }
}

static void test_source_and_about(void **state)
{
    struct httpc_resp r;
    char path[64];
    (void)state;
    snprintf(path, sizeof(path), "/source/%lld", (long long)ids.japan_today);
    get(path, &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<h1>Japan Today</h1>"));
    assert_true(has(&r, "<span class=\"status ok\">ok</span>"));
    assert_true(has(&r, "Japan says China will resume"));
    httpc_release(&r);

    snprintf(path, sizeof(path), "/source/%lld", (long long)ids.evil_source);
    get(path, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "HTTP 500 &lt;Internal Server Error&gt;"));
    httpc_release(&r);

    get("/about", &r);
    assert_int_equal(r.status, 200);
    check_html(&r);
    assert_true(has(&r, "<span class=\"status ok\">ok</span>"));
    assert_true(has(&r, "failing (2)"));
    httpc_release(&r);
}

static json_t *get_json(const char *path, long want_status)
{
    struct httpc_resp r;
    json_t *j;
    get(path, &r);
    if (r.status != want_status)
        fail_msg("%s: status %ld, want %ld", path, r.status, want_status);
    assert_header(&r, "Content-Type", "application/json; charset=utf-8");
    assert_header(&r, "X-Content-Type-Options", "nosniff");
    j = json_loads(r.body.buf, 0, NULL);
    if (!j)
        fail_msg("%s: not JSON: %s", path, r.body.buf);
    httpc_release(&r);
    return j;
}

static void test_api(void **state)
{
    json_t *j, *a;
    char path[128];
    const char *cursor;
    int seen = 0;
    (void)state;
    j = get_json("/api/v1/articles", 200);
    a = json_object_get(j, "articles");
    assert_true(json_is_array(a));
    assert_int_equal(json_array_size(a), ids.n_articles);
    json_decref(j);

    /* walking the cursor visits every article once */
    snprintf(path, sizeof(path), "/api/v1/articles?limit=2");
    for (;;) {
        j = get_json(path, 200);
        seen += (int)json_array_size(json_object_get(j, "articles"));
        cursor = json_string_value(json_object_get(j, "next_cursor"));
        if (!cursor) {
            json_decref(j);
            break;
        }
        snprintf(path, sizeof(path), "/api/v1/articles?limit=2&cursor=%s", cursor);
        json_decref(j);
        assert_true(seen <= ids.n_articles);
    }
    assert_int_equal(seen, ids.n_articles);

    snprintf(path, sizeof(path), "/api/v1/articles?source=%lld", (long long)ids.japan_today);
    j = get_json(path, 200);
    assert_int_equal(json_array_size(json_object_get(j, "articles")), 2);
    json_decref(j);

    j = get_json("/api/v1/articles?q=seafood", 200);
    assert_true(json_array_size(json_object_get(j, "articles")) >= 1);
    json_decref(j);

    snprintf(path, sizeof(path), "/api/v1/articles/%s", ids.czech);
    j = get_json(path, 200);
    assert_string_equal(json_string_value(json_object_get(j, "id")), ids.czech);
    assert_string_equal(json_string_value(json_object_get(j, "source_name")), "World Wire");
    assert_true(json_is_array(json_object_get(j, "related_ids")));
    assert_true(json_is_string(json_object_get(j, "content_html")));
    json_decref(j);

    j = get_json("/api/v1/sources", 200);
    assert_int_equal(json_array_size(json_object_get(j, "sources")), 4);
    json_decref(j);
    j = get_json("/api/v1/feeds", 200);
    assert_int_equal(json_array_size(json_object_get(j, "feeds")), 4);
    json_decref(j);
    j = get_json("/api/v1/search?q=cyber", 200);
    assert_true(json_array_size(json_object_get(j, "results")) >= 2);
    assert_string_equal(json_string_value(json_object_get(j, "sort")), "relevance");
    json_int_t total = json_integer_value(json_object_get(j, "total"));
    assert_int_equal(total, (json_int_t)json_array_size(json_object_get(j, "results")));
    assert_true(json_is_false(json_object_get(j, "total_capped")));
    assert_true(json_is_null(json_object_get(j, "next_cursor")));
    json_decref(j);
    /* One hit a page: the cursor walks every result once, in both orders. */
    for (int by_date = 0; by_date < 2; by_date++) {
        char spath[256], ids_seen[8][40];
        const char *cur = "";
        json_t *prev = NULL;
        int n = 0;
        do {
            snprintf(spath, sizeof(spath), "/api/v1/search?q=cyber&limit=1%s%s%s",
                     by_date ? "&sort=date" : "", cur[0] ? "&cursor=" : "", cur);
            j = get_json(spath, 200);
            assert_int_equal(json_array_size(json_object_get(j, "results")), 1);
            assert_int_equal(json_integer_value(json_object_get(j, "total")), total);
            assert_true(n < 8);
            snprintf(ids_seen[n], sizeof(ids_seen[n]), "%s",
                     json_string_value(
                         json_object_get(json_array_get(json_object_get(j, "results"), 0), "id")));
            for (int k = 0; k < n; k++)
                assert_string_not_equal(ids_seen[k], ids_seen[n]);
            n++;
            json_decref(prev);
            prev = j;
            cur = json_is_string(json_object_get(j, "next_cursor"))
                      ? json_string_value(json_object_get(j, "next_cursor"))
                      : "";
        } while (cur[0]);
        json_decref(prev);
        assert_int_equal(n, total);
    }

    /* errors: one shape, the right status */
    static const struct {
        const char *path;
        long status;
        const char *code;
    } bad[] = {
        {"/api/v1/articles/0123456789abcdef0123456789abcdef", 404, "not_found"},
        {"/api/v1/articles/nothex", 404, "not_found"},
        {"/api/v1/nope", 404, "not_found"},
        {"/api/v1/articles?limit=0", 400, "bad_request"},
        {"/api/v1/articles?limit=100000", 400, "bad_request"},
        {"/api/v1/articles?since=2025-02-30", 400, "bad_request"},
        {"/api/v1/articles?cursor=%3Cx%3E", 400, "bad_request"},
        {"/api/v1/articles?language=english!", 400, "bad_request"},
        {"/api/v1/search", 400, "bad_request"},
        {"/api/v1/search?q=%22open", 400, "bad_request"},
        {"/api/v1/search?q=cyber&cursor=zz", 400, "bad_request"},
        {"/api/v1/search?q=cyber&cursor=2.5.0", 400, "bad_request"}, /* a date cursor */
        {"/api/v1/search?q=cyber&sort=newest", 400, "bad_request"},
        {"/api/v1/search?q=cyber&offset=20", 400, "bad_request"},
        {"/api/v1/search?q=ab*", 400, "bad_request"}, /* a prefix too short */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        j = get_json(bad[i].path, bad[i].status);
        assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
                            bad[i].code);
        assert_true(json_is_string(json_object_get(json_object_get(j, "error"), "message")));
        json_decref(j);
    }
}

static void test_limits_and_log(void **state)
{
    struct httpc_resp r;
    char *big = xmalloc(70000), *log;
    const char *hdrs[2] = {big, NULL};
    size_t n;
    (void)state;
    memcpy(big, "X-Big: ", 7);
    memset(big + 7, 'a', 69990);
    big[69997] = '\0';
    httpc_do(port, NULL, "/", hdrs, 0, &r);
    assert_true(r.status == 0 || r.status == 431 || r.status == 413 || r.status == 400);
    httpc_release(&r);
    free(big);

    /* the server still serves after that */
    get("/about", &r);
    assert_int_equal(r.status, 200);
    httpc_release(&r);

    /* a method with terminal escapes reaches the log escaped, never raw */
    httpc_do(port, "G\x1b]0;owned\x07\x1b[2JET", "/", NULL, 0, &r);
    httpc_release(&r);

    fflush(access_logf);
    log = test_read_file(logpath, &n);
    assert_non_null(log);
    assert_null(memchr(log, 0x1b, n));
    assert_null(memchr(log, 0x07, n));
    if (strstr(log, "owned")) /* logged at all (a strict server may refuse the request) */
        assert_non_null(strstr(log, "G\\x1b]0;owned\\x07\\x1b[2JET"));
    assert_non_null(strstr(log, " GET \"/\" 200 "));
    assert_non_null(strstr(log, " POST \"/\" 405 "));
    assert_non_null(strstr(log, " GET \"/nope\" 404 "));
    assert_non_null(strstr(log, "us\n"));
    free(log);
}

static void test_cache_invalidation(void **state)
{
    /* a cached article page changes as soon as the store commits a change to it */
    struct httpc_resp r;
    struct store_article a;
    store *st;
    char path[96];
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.seafood);
    get(path, &r);
    assert_true(has(&r, "Japan says China will resume"));
    httpc_release(&r);
    get(path, &r); /* served from the cache */
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "Japan says China will resume"));
    httpc_release(&r);

    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    store_article_init(&a);
    assert_int_equal(store_article_get(st, ids.seafood, &a), HERALD_OK);
    free(a.title);
    a.title = xstrdup("Seafood imports: China lifts the ban");
    assert_int_equal(store_article_upsert(st, &a, 0, NULL, NULL, NULL), HERALD_OK);
    store_article_release(&a);
    store_close(st);

    /* each worker re-reads the data version at most every version_check_ms (100): move
     * the server's clock past that */
    fake_ms += 101;
    get(path, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "<h1>Seafood imports: China lifts the ban</h1>"));
    /* re-rendered with the remembered related ids, cards read fresh */
    assert_true(has(&r, "<li class=\"card\">"));
    httpc_release(&r);
}

/* One request with an Accept-Encoding header (NULL: none), the body left as sent. */
static void get_coded(const char *path, const char *accept, const char *inm, struct httpc_resp *r)
{
    char h1[160], h2[160];
    const char *hdrs[3] = {NULL, NULL, NULL};
    size_t n = 0;
    if (accept) {
        snprintf(h1, sizeof(h1), "Accept-Encoding: %s", accept);
        hdrs[n++] = h1;
    }
    if (inm) {
        snprintf(h2, sizeof(h2), "If-None-Match: %s", inm);
        hdrs[n++] = h2;
    }
    httpc_do(port, NULL, path, hdrs, 0, r);
}

/* The Content-Encoding a response carries ("" when none). */
static void assert_coding(const struct httpc_resp *r, const char *want)
{
    char *ce = httpc_header(r, "Content-Encoding");
    assert_string_equal(ce ? ce : "", want);
    free(ce);
    assert_header(r, "Vary", "Accept-Encoding");
}

/* Content negotiation: gzip when the client takes it (preferred over br at equal q: a
 * browser's "gzip, deflate, br"), br when it prefers that or takes only br, identity for
 * q=0 or nothing; each variant's ETag derives from the identity body and revalidates to a
 * 304. */
static void test_encodings(void **state)
{
    struct httpc_resp id, br, gz, r;
    static uint8_t plain[1 << 20];
    size_t n = sizeof(plain);
    char path[96], *etag_id, *etag_br, *etag_gz;
    z_stream zs;
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.czech);
    get_coded(path, NULL, NULL, &id);
    assert_int_equal(id.status, 200);
    assert_coding(&id, "");
    etag_id = httpc_header(&id, "ETag");
    assert_non_null(etag_id);
    assert_int_equal(strlen(etag_id), 18);

    get_coded(path, "gzip;q=0.5, br", NULL, &br);
    assert_int_equal(br.status, 200);
    assert_coding(&br, "br");
    etag_br = httpc_header(&br, "ETag");
    assert_non_null(etag_br);
    assert_string_equal(etag_br + 17, "-br\"");
    assert_true(br.body.len < id.body.len / 2);
    assert_int_equal(BrotliDecoderDecompress(br.body.len, (const uint8_t *)br.body.buf, &n, plain),
                     BROTLI_DECODER_RESULT_SUCCESS);
    /* the same rendering (one cache entry) unless the entry was replaced between the two */
    if (memcmp(etag_br, etag_id, 17) == 0) {
        assert_int_equal(n, id.body.len);
        assert_memory_equal(plain, id.body.buf, n);
    } else {
        assert_memory_equal(plain, id.body.buf, 200);
    }

    get_coded(path, "gzip, deflate, br", NULL, &gz);
    assert_int_equal(gz.status, 200);
    assert_coding(&gz, "gzip");
    etag_gz = httpc_header(&gz, "ETag");
    assert_string_equal(etag_gz + 17, "-gz\"");
    memset(&zs, 0, sizeof(zs));
    assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = (Bytef *)gz.body.buf;
    zs.avail_in = (uInt)gz.body.len;
    zs.next_out = plain;
    zs.avail_out = sizeof(plain);
    assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
    assert_memory_equal(plain, id.body.buf, 200);
    inflateEnd(&zs);

    /* q=0 refuses a coding; nothing acceptable but identity gives identity */
    get_coded(path, "br;q=0, gzip;q=0", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_coding(&r, "");
    assert_true(strstr(r.body.buf, "<h1>") != NULL);
    httpc_release(&r);
    get_coded(path, "identity", NULL, &r);
    assert_coding(&r, "");
    httpc_release(&r);

    /* revalidation of each variant: 304 with that variant's tag, no body */
    get_coded(path, "br", etag_br, &r);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body.len, 0);
    assert_header(&r, "ETag", etag_br);
    httpc_release(&r);
    get_coded(path, "gzip", etag_gz, &r);
    assert_int_equal(r.status, 304);
    httpc_release(&r);
    get_coded(path, NULL, etag_id, &r);
    assert_int_equal(r.status, 304);
    httpc_release(&r);
    get_coded(path, "br", "\"0000000000000000-br\"", &r);
    assert_int_equal(r.status, 200);
    assert_coding(&r, "br");
    httpc_release(&r);

    free(etag_id);
    free(etag_br);
    free(etag_gz);
    httpc_release(&id);
    httpc_release(&br);
    httpc_release(&gz);
}

/* The related ids and reasons of an article's API answer, as "reason:id" lines. */
static void api_related(const char *id, struct strbuf *out)
{
    char path[96];
    json_t *j, *v;
    size_t i;
    snprintf(path, sizeof(path), "/api/v1/articles/%s", id);
    j = get_json(path, 200);
    strbuf_reset(out);
    json_array_foreach(json_object_get(j, "related"), i, v)
    {
        strbuf_addf(out, "%s:%s\n", json_string_value(json_object_get(v, "reason")),
                    json_string_value(json_object_get(v, "id")));
    }
    json_decref(j);
}

/* An article page shows the related list stored for it, nothing computed per request:
 * what the fixture's stories stored, then a list written by hand, then (for an article
 * with neither a stored list nor a story) nothing at all, where a term query over the
 * archive would have found the articles it copies its words from. */
static void test_related_stored(void **state)
{
    struct store_related_entry e[STORE_RELATED_LIST_MAX];
    struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
    struct store_article a;
    struct httpc_resp r;
    char path[96], href[96], lone[33];
    const char *rel;
    size_t n = 0;
    store *st;
    (void)state;

    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    assert_int_equal(store_article_related_get(st, ids.czech, e, STORE_RELATED_LIST_MAX, &n),
                     HERALD_OK);
    assert_true(n >= 1);
    /* the API lists the page's related articles, then the copies: the stored order */
    for (size_t i = 0; i < n; i++)
        if (e[i].reason != STORE_RELATED_NEAR_COPY)
            strbuf_addf(&want, "%s:%s\n", store_related_reason_name(e[i].reason), e[i].id);
    for (size_t i = 0; i < n; i++)
        if (e[i].reason == STORE_RELATED_NEAR_COPY)
            strbuf_addf(&want, "near_copy:%s\n", e[i].id);
    api_related(ids.czech, &got);
    assert_string_equal(got.buf, want.buf);

    /* a list written by hand is what the page shows, in its order, with its reasons */
    memcpy(e[0].id, ids.hostile, sizeof(e[0].id));
    e[0].reason = STORE_RELATED_SHARED_TERMS;
    memcpy(e[1].id, ids.czech, sizeof(e[1].id));
    e[1].reason = STORE_RELATED_SAME_STORY;
    memcpy(e[2].id, "0123456789abcdef0123456789abcdef", sizeof(e[2].id)); /* gone: skipped */
    e[2].reason = STORE_RELATED_SAME_STORY;
    assert_int_equal(store_article_related_put(st, ids.seafood, e, 3), HERALD_OK);
    fake_ms += 101; /* past the data-version throttle */
    api_related(ids.seafood, &got);
    strbuf_reset(&want);
    strbuf_addf(&want, "shared_terms:%s\nsame_story:%s\n", ids.hostile, ids.czech);
    assert_string_equal(got.buf, want.buf);
    snprintf(path, sizeof(path), "/article/%s", ids.seafood);
    get(path, &r);
    rel = strstr(r.body.buf, "class=\"related\"");
    assert_non_null(rel);
    snprintf(href, sizeof(href), "/article/%s\"", ids.hostile);
    assert_non_null(strstr(rel, href));
    assert_true(strstr(rel, href) < strstr(rel, ids.czech));
    httpc_release(&r);

    /* an article in no story and without a list: no related articles, even though the
     * term query would match its borrowed words */
    store_article_init(&a);
    a.url = "https://japantoday.example/czech-cyber-again";
    a.title = "Czech foreign ministry cyber campaign blamed on China";
    a.text = "The Czech Republic accused China of a malicious cyber campaign against its "
             "foreign ministry network, a hacking group tied to the Ministry of State Security.";
    a.source_id = ids.japan_today;
    a.published = time_now() - 3600;
    assert_int_equal(store_article_upsert(st, &a, 0, NULL, lone, NULL), HERALD_OK);
    {
        struct store_article_list fts = {0};
        assert_int_equal(store_related(st, lone, 6, &fts), HERALD_OK);
        assert_true(fts.count >= 1); /* what the request used to run */
        store_article_list_release(&fts);
    }
    fake_ms += 101;
    api_related(lone, &got);
    assert_string_equal(got.buf ? got.buf : "", "");
    snprintf(path, sizeof(path), "/article/%s", lone);
    get(path, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "No related articles from other outlets yet."));
    httpc_release(&r);

    store_close(st);
    strbuf_release(&want);
    strbuf_release(&got);
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

static void test_keepalive(void **state)
{
    /* GET and HEAD leave the connection open for the next request (libmicrohttpd closes
     * it when the response is queued before it knows the request has no body). */
    CURL *c = curl_easy_init();
    char url[160];
    long connects = -1, status = 0;
    (void)state;
    assert_non_null(c);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    snprintf(url, sizeof(url), "http://127.0.0.1:%u/article/%s", port, ids.seafood);
    curl_easy_setopt(c, CURLOPT_URL, url);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
    assert_int_equal(connects, 1);
    for (int i = 0; i < 3; i++) {
        snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, i == 1 ? "/nope" : "/");
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_NOBODY, i == 2 ? 1L : 0L);
        assert_int_equal(curl_easy_perform(c), CURLE_OK);
        curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        assert_int_equal(status, i == 1 ? 404 : 200);
        assert_int_equal(connects, 0); /* reused */
    }
    curl_easy_cleanup(c);
}

static void test_version_check_every_request(void **state)
{
    /* version_check_ms = 0: a committed change shows on the very next request, even for
     * a page that was just cached by the same worker */
    struct web_config cfg;
    web_server *s2;
    struct httpc_resp r;
    struct store_article a;
    store *st;
    char path[96];
    (void)state;
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 1;
    cfg.access_log = access_logf;
    cfg.version_check_ms = 0;
    assert_int_equal(web_server_start(&cfg, &s2), HERALD_OK);
    snprintf(path, sizeof(path), "/article/%s", ids.seafood);
    for (int i = 0; i < 2; i++) {
        httpc_do(web_server_port(s2), NULL, path, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_null(strstr(r.body.buf, "Seafood: version check"));
        httpc_release(&r);
    }
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    store_article_init(&a);
    assert_int_equal(store_article_get(st, ids.seafood, &a), HERALD_OK);
    free(a.title);
    a.title = xstrdup("Seafood: version check");
    assert_int_equal(store_article_upsert(st, &a, 0, NULL, NULL, NULL), HERALD_OK);
    store_article_release(&a);
    store_close(st);
    httpc_do(web_server_port(s2), NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "<h1>Seafood: version check</h1>"));
    httpc_release(&r);
    web_server_free(s2);
}

static void test_no_database(void **state)
{
    struct web_config cfg;
    web_server *s2;
    struct httpc_resp r;
    char path[256];
    (void)state;
    snprintf(path, sizeof(path), "%s/missing.db", dir);
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = path;
    cfg.threads = 1;
    cfg.access_log = access_logf;
    assert_int_equal(web_server_start(&cfg, &s2), HERALD_OK);
    httpc_do(web_server_port(s2), NULL, "/", NULL, 0, &r);
    assert_int_equal(r.status, 503);
    httpc_release(&r);
    httpc_do(web_server_port(s2), NULL, "/api/v1/articles", NULL, 0, &r);
    assert_int_equal(r.status, 503);
    assert_true(has(&r, "\"code\":\"unavailable\""));
    httpc_release(&r);
    httpc_do(web_server_port(s2), NULL, "/about", NULL, 0, &r);
    assert_int_equal(r.status, 503);
    httpc_release(&r);
    web_server_free(s2);

    cfg.listen = "nonsense";
    assert_int_equal(web_server_start(&cfg, &s2), HERALD_E_INVALID);
    cfg.listen = "127.0.0.1:99999";
    assert_int_equal(web_server_start(&cfg, &s2), HERALD_E_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_home),
        cmocka_unit_test(test_home_paging),
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_hostile_article),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_conditional),
        cmocka_unit_test(test_head_and_gzip),
        cmocka_unit_test(test_static),
        cmocka_unit_test(test_timezone),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_source_and_about),
        cmocka_unit_test(test_api),
        cmocka_unit_test(test_limits_and_log),
        cmocka_unit_test(test_cache_invalidation),
        cmocka_unit_test(test_keepalive),
        cmocka_unit_test(test_version_check_every_request),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_related_stored),
        cmocka_unit_test(test_no_database),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
