/*
 * test_feeds.c - what herald publishes for programs, read back by programs: its RSS, Atom and
 * JSON Feed output parsed by herald's own feed parser (src/feed) with the right entries, and
 * checked well-formed by xmllint; hostile titles ("<", "&", "]]>", control bytes,
 * U+FFFE, invalid UTF-8) written by the pure writer; robots.txt and the sitemaps; the API
 * index against the route table and the embedded OpenAPI document; the admins' OPML export
 * (401 anonymous, 403 for a reader, a round trip through opml_parse for an admin); and the
 * base URL: from web.base_url, from a well-formed Host header, never from a hostile one, and
 * never shared through the page cache.
 *
 * No schema for RSS, Atom, sitemaps or OPML is packaged on this machine (Debian ships
 * none), so validity is checked structurally: herald's parser must read each document as
 * its format without a recovery ("bozo"), with every entry's id, link and title.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "feed/feed.h"
#include "fixture.h"
#include "httpc.h"
#include "feed/opml.h"
#include "store/store.h"
#include "store/store_users.h"
#include "testutil.h"
#include "web/feedout.h"
#include "web/internal.h"
#include "web/server.h"

static char *dir, *db;
static web_server *srv, *srv_base;
static unsigned port, port_base;
static struct fixture_ids ids;
static int64_t fake_now;

static int64_t test_clock(void *ud)
{
    (void)ud;
    return fake_now;
}

static int setup(void **state)
{
    struct web_config cfg;
    size_t n;
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fake_now = time_now();
    dir = test_tmpdir();
    n = strlen(dir) + 32;
    db = xmalloc(n);
    snprintf(db, n, "%s/news.db", dir);
    if (fixture_build(db, fake_now, &ids) != HERALD_OK)
        return -1;
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 2;
    cfg.access_log = fopen("/dev/null", "w");
    cfg.secure_cookies = 0;
    cfg.clock = test_clock;
    if (web_server_start(&cfg, &srv) != HERALD_OK)
        return -1;
    port = web_server_port(srv);
    /* the same site with a configured public address (and a trailing slash to drop) */
    cfg.base_url = "https://news.example/herald/";
    if (web_server_start(&cfg, &srv_base) != HERALD_OK)
        return -1;
    port_base = web_server_port(srv_base);
    *state = cfg.access_log;
    return 0;
}

static int teardown(void **state)
{
    web_server_free(srv);
    web_server_free(srv_base);
    fclose(*state);
    test_rmtree(dir);
    free(dir);
    free(db);
    curl_global_cleanup();
    return 0;
}

static void get_on(unsigned p, const char *path, const char *host, struct httpc_resp *r)
{
    char h[300];
    const char *hdrs[] = {h, NULL};
    snprintf(h, sizeof(h), "Host: %s", host ? host : "");
    httpc_do(p, NULL, path, host ? hdrs : NULL, 0, r);
}

static void get(const char *path, struct httpc_resp *r)
{
    get_on(port, path, NULL, r);
}

static int has(const struct httpc_resp *r, const char *s)
{
    return strstr(r->body.buf, s) != NULL;
}

/* xmllint --noout on the bytes: 1 well-formed, 0 not, -1 when xmllint is missing. */
static int xmllint_ok(const char *data, size_t len)
{
    char path[512], cmd[700];
    FILE *f;
    int rc;
    if (access("/usr/bin/xmllint", X_OK) != 0)
        return -1;
    snprintf(path, sizeof(path), "%s/doc.xml", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet '%s' 2>/dev/null", path);
    rc = system(cmd);
    return rc == 0;
}

static void assert_well_formed(const char *data, size_t len)
{
    int ok = xmllint_ok(data, len);
    if (ok < 0)
        print_message("xmllint missing: well-formedness SKIPPED\n");
    else if (!ok)
        fail_msg("xmllint: not well-formed:\n%.*s", (int)(len < 3000 ? len : 3000), data);
}

static const enum feed_format want_format[] = {FEED_FORMAT_RSS20, FEED_FORMAT_ATOM10,
                                               FEED_FORMAT_JSON11};
static const char *const exts[] = {"xml", "atom", "json"};
static const char *const ctypes[] = {"application/rss+xml; charset=utf-8",
                                     "application/atom+xml; charset=utf-8",
                                     "application/feed+json; charset=utf-8"};

/* Parses a feed response with herald's parser: its format, no recovery, every entry with
 * an id, a title and a link to an article page; returns the feed (caller frees). */
static struct feed *parse_feed(const struct httpc_resp *r, int fmt, const char *url)
{
    struct feed_parse_opts o;
    struct feed *f = NULL;
    char *ct = httpc_header(r, "Content-Type");
    if (r->status != 200)
        fail_msg("%s: status %ld", url, r->status);
    assert_non_null(ct);
    assert_string_equal(ct, ctypes[fmt]);
    free(ct);
    if (fmt != WEB_FEED_JSON)
        assert_well_formed(r->body.buf, r->body.len);
    memset(&o, 0, sizeof(o));
    o.url = url;
    assert_int_equal(feed_parse(r->body.buf, r->body.len, &o, &f), HERALD_OK);
    if (f->bozo)
        fail_msg("%s: bozo: %s", url, f->bozo_message ? f->bozo_message : "");
    assert_int_equal(f->format, want_format[fmt]);
    assert_non_null(f->head.title.value);
    for (size_t i = 0; i < f->nentries; i++) {
        const struct feed_item *e = &f->entries[i];
        assert_non_null(e->id);
        assert_true(strncmp(e->id, "urn:herald:article:", 19) == 0);
        assert_non_null(e->title.value);
        assert_non_null(e->link);
        assert_non_null(strstr(e->link, "/article/"));
        assert_string_equal(strstr(e->link, "/article/") + 9, e->id + 19);
    }
    return f;
}

/* The entry of f for article id, or NULL. */
static const struct feed_item *entry_of(const struct feed *f, const char *id)
{
    for (size_t i = 0; i < f->nentries; i++)
        if (strcmp(f->entries[i].id + 19, id) == 0)
            return &f->entries[i];
    return NULL;
}

/* The ids the JSON API lists at path (its "articles" array). */
static size_t api_ids(const char *path, char ids_out[][33], size_t max)
{
    struct httpc_resp r;
    json_t *root, *arr, *v;
    size_t n = 0, i;
    get(path, &r);
    assert_int_equal(r.status, 200);
    root = json_loads(r.body.buf, 0, NULL);
    assert_non_null(root);
    arr = json_object_get(root, "articles");
    json_array_foreach(arr, i, v)
    {
        if (n < max)
            snprintf(ids_out[n++], 33, "%s", json_string_value(json_object_get(v, "id")));
    }
    json_decref(root);
    httpc_release(&r);
    return n;
}

static void test_home_feeds(void **state)
{
    char url[128];
    (void)state;
    for (int fmt = 0; fmt < 3; fmt++) {
        struct httpc_resp r;
        struct feed *f;
        const struct feed_item *e;
        snprintf(url, sizeof(url), "http://127.0.0.1:%u/feed.%s", port, exts[fmt]);
        get(strchr(url + 7, '/'), &r);
        f = parse_feed(&r, fmt, url);
        assert_true(f->nentries >= 3);
        /* the Czech article: its title, its original, its publisher */
        e = entry_of(f, ids.czech);
        assert_non_null(e);
        assert_non_null(strstr(e->title.value, "Czech Republic accuses China"));
        /* the hostile title survives every format exactly, as text */
        e = entry_of(f, ids.hostile);
        assert_non_null(e);
        assert_string_equal(e->title.value, FIXTURE_HOSTILE_TITLE);
        /* the absolute link comes from the Host header */
        snprintf(url, sizeof(url), "http://127.0.0.1:%u/article/%s", port, ids.czech);
        assert_string_equal(entry_of(f, ids.czech)->link, url);
        /* self link / feed_url */
        assert_true(has(&r, fmt == 0   ? "rel=\"self\" type=\"application/rss+xml\""
                            : fmt == 1 ? "rel=\"self\" type=\"application/atom+xml\""
                                       : "\"feed_url\""));
        /* the original at the publisher */
        assert_true(has(&r, "https://wire.example/2025/czech-china-cyber"));
        if (fmt == 0) {
            assert_true(has(&r, "<guid isPermaLink=\"false\">urn:herald:article:"));
            assert_true(has(&r, "<dc:creator>Jana Novak</dc:creator>"));
            assert_true(has(&r, "GMT</pubDate>"));
        }
        /* the lead image through herald's image proxy, never the publisher's URL */
        snprintf(url, sizeof(url), "http://127.0.0.1:%u/media/", port);
        assert_true(has(&r, url));
        assert_true(has(&r, "/1280?u="));
        assert_false(has(&r, "https://images.example/"));
        feed_free(f);
        httpc_release(&r);
    }
}

static void test_source_feeds(void **state)
{
    char want[64][33], path[96], url[128];
    size_t n_want;
    (void)state;
    snprintf(path, sizeof(path), "/api/v1/articles?source=%lld&limit=50",
             (long long)ids.japan_today);
    n_want = api_ids(path, want, 64);
    assert_true(n_want >= 1);
    for (int fmt = 0; fmt < 3; fmt++) {
        struct httpc_resp r;
        struct feed *f;
        snprintf(path, sizeof(path), "/source/%lld/feed.%s", (long long)ids.japan_today, exts[fmt]);
        snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
        get(path, &r);
        f = parse_feed(&r, fmt, url);
        /* exactly the source's articles, newest first like the API */
        assert_int_equal(f->nentries, n_want);
        for (size_t i = 0; i < n_want; i++)
            assert_string_equal(f->entries[i].id + 19, want[i]);
        assert_string_equal(f->head.title.value, "Japan Today");
        assert_non_null(entry_of(f, ids.seafood));
        feed_free(f);
        httpc_release(&r);
    }
    {
        struct httpc_resp r;
        get("/source/999999/feed.atom", &r);
        assert_int_equal(r.status, 404);
        httpc_release(&r);
    }
}

/* A topic's feeds: exactly the articles its page lists (filed under "world" in any
 * spelling), newest first; the hostile category's name survives as text. */
static void test_topic_feeds(void **state)
{
    static const char mark[] = "<h3 class=\"title\"><a href=\"/article/";
    char want[64][33], path[96], url[128];
    size_t n_want = 0;
    struct httpc_resp r;
    (void)state;
    get("/topic/world", &r);
    assert_int_equal(r.status, 200);
    for (const char *p = strstr(r.body.buf, mark); p && n_want < 64; p = strstr(p + 1, mark))
        snprintf(want[n_want++], 33, "%.32s", p + strlen(mark));
    httpc_release(&r);
    assert_true(n_want >= 3);
    for (int fmt = 0; fmt < 3; fmt++) {
        struct feed *f;
        snprintf(path, sizeof(path), "/topic/world/feed.%s", exts[fmt]);
        snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
        get(path, &r);
        f = parse_feed(&r, fmt, url);
        assert_int_equal(f->nentries, n_want);
        for (size_t i = 0; i < n_want; i++)
            assert_string_equal(f->entries[i].id + 19, want[i]);
        assert_string_equal(f->head.title.value, "World");
        assert_non_null(entry_of(f, ids.czech));
        assert_true((int64_t)f->nentries < ids.n_articles); /* source 2 files under Japan */
        feed_free(f);
        httpc_release(&r);

        snprintf(path, sizeof(path), "/topic/b-bold-b-quoted-evil/feed.%s", exts[fmt]);
        get(path, &r);
        f = parse_feed(&r, fmt, url);
        /* RSS text that looks like markup is read back as HTML (feedparser's rule) */
        assert_string_equal(f->head.title.value, fmt == WEB_FEED_RSS
                                                     ? "<b>Bold</b> &amp; \"quoted\" \xc3\xa9vil"
                                                     : "<b>Bold</b> & \"quoted\" \xc3\xa9vil");
        assert_non_null(entry_of(f, ids.hostile));
        feed_free(f);
        httpc_release(&r);
    }
    get("/topic/no-such-topic/feed.atom", &r);
    assert_int_equal(r.status, 404);
    httpc_release(&r);
}

static void test_story_feeds(void **state)
{
    struct httpc_resp r;
    json_t *root, *story;
    long long story_id;
    char path[96], url[128];
    size_t size;
    (void)state;
    get("/api/v1/stories", &r);
    assert_int_equal(r.status, 200);
    root = json_loads(r.body.buf, 0, NULL);
    assert_non_null(root);
    story = json_array_get(json_object_get(root, "stories"), 0);
    assert_non_null(story);
    story_id = (long long)json_integer_value(json_object_get(story, "id"));
    size = (size_t)json_integer_value(json_object_get(story, "size"));
    json_decref(root);
    httpc_release(&r);
    assert_true(story_id > 0 && size >= 1);
    for (int fmt = 0; fmt < 3; fmt++) {
        struct feed *f;
        snprintf(path, sizeof(path), "/story/%lld/feed.%s", story_id, exts[fmt]);
        snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
        get(path, &r);
        f = parse_feed(&r, fmt, url);
        assert_int_equal(f->nentries, size < WEB_FEED_MAX_ITEMS ? size : WEB_FEED_MAX_ITEMS);
        /* newest first */
        for (size_t i = 1; i < f->nentries; i++)
            if (f->entries[i].published != TIME_NONE && f->entries[i - 1].published != TIME_NONE)
                assert_true(f->entries[i - 1].published >= f->entries[i].published);
        feed_free(f);
        httpc_release(&r);
    }
    get("/story/999999/feed.json", &r);
    assert_int_equal(r.status, 404);
    httpc_release(&r);
}

static void test_search_feeds(void **state)
{
    char url[160];
    struct httpc_resp r;
    (void)state;
    for (int fmt = 0; fmt < 3; fmt++) {
        struct feed *f;
        snprintf(url, sizeof(url), "http://127.0.0.1:%u/search/feed.%s?q=seafood", port, exts[fmt]);
        get(strchr(url + 7, '/'), &r);
        f = parse_feed(&r, fmt, url);
        assert_true(f->nentries >= 1);
        assert_non_null(entry_of(f, ids.seafood));
        assert_null(entry_of(f, ids.czech)); /* does not match */
        assert_non_null(strstr(f->head.title.value, "seafood"));
        feed_free(f);
        httpc_release(&r);
    }
    /* a hostile query is escaped in the feed's own URLs and title */
    get("/search/feed.xml?q=%22%5D%5D%3E%3Cx%3E%22", &r);
    assert_true(r.status == 200 || r.status == 400);
    if (r.status == 200)
        assert_well_formed(r.body.buf, r.body.len);
    assert_false(has(&r, "<x>"));
    httpc_release(&r);
    get("/search/feed.xml", &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
    get("/search/feed.atom?q=seafood&since=yesterday", &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
    /* the search page links its feeds (autodiscovery) with the query */
    get("/search?q=seafood", &r);
    assert_true(has(&r, "<link rel=\"alternate\" type=\"application/rss+xml\""));
    assert_true(has(&r, "/search/feed.atom?q=seafood\""));
    httpc_release(&r);
}

/* The pure writer over hostile values: every format stays well-formed and parses back with
 * the values as text (controls and non-characters as U+FFFD). */
static void test_writer_hostile(void **state)
{
    static const char *const titles[] = {
        "a < b && c > d",
        "CDATA end ]]> inside",
        "controls \x01\x02\x0b\x1f here",
        "non-character \xef\xbf\xbe and \xef\xbf\xbf",
        "bad utf-8 \xc3\x28 \xff end",
        "<![CDATA[ x ]]> <script>alert(1)</script> &amp; &#0;",
    };
    static const char *const expect[] = {
        "a < b && c > d",
        "CDATA end ]]> inside",
        "controls \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd here",
        "non-character \xef\xbf\xbd and \xef\xbf\xbd",
        NULL, /* the invalid bytes become U+FFFD: checked by prefix */
        "<![CDATA[ x ]]> <script>alert(1)</script> &amp; &#0;",
    };
    struct web_item items[6];
    struct web_render_ctx ctx;
    struct web_feed_doc doc;
    (void)state;
    memset(&ctx, 0, sizeof(ctx));
    ctx.now = 1764000000;
    ctx.base = "https://news.example";
    memset(items, 0, sizeof(items));
    for (int i = 0; i < 6; i++) {
        static char idbuf[6][33];
        snprintf(idbuf[i], 33, "%032x", i + 1);
        items[i].id = idbuf[i];
        items[i].title = titles[i];
        items[i].url = "https://pub.example/a?x=1&y=\"2\"";
        items[i].summary = titles[5 - i];
        items[i].author = "Ana <Ruiz> & Co";
        items[i].source_name = "Pub ]]> \"Daily\"";
        items[i].source_id = 3;
        items[i].published = 1764000000 - i * 60;
        items[i].updated = TIME_NONE;
        items[i].image_url = "https://img.example/a.jpg?w=1&h=2";
    }
    memset(&doc, 0, sizeof(doc));
    doc.title = "Search: ]]> <&> \x01";
    doc.page_path = "/search";
    doc.feed_path = "/search/feed";
    doc.query = "q=%5D%5D%3E";
    doc.key = "search";
    doc.updated = TIME_NONE;
    doc.items = items;
    doc.n_items = 6;
    for (int fmt = 0; fmt < 3; fmt++) {
        struct strbuf sb = STRBUF_INIT;
        struct feed *f = NULL;
        web_feed_write(&sb, (enum web_feed_format)fmt, &ctx, &doc);
        if (fmt != WEB_FEED_JSON)
            assert_well_formed(sb.buf, sb.len);
        assert_int_equal(feed_parse(sb.buf, sb.len, NULL, &f), HERALD_OK);
        assert_false(f->bozo);
        assert_int_equal(f->format, want_format[fmt]);
        assert_int_equal(f->nentries, 6);
        for (int i = 0; i < 6; i++) {
            const char *t = f->entries[i].title.value;
            assert_non_null(t);
            if (expect[i])
                assert_string_equal(t, expect[i]);
            else
                assert_true(strncmp(t, "bad utf-8 \xef\xbf\xbd", 13) == 0);
        }
        assert_string_equal(f->entries[0].link,
                            "https://news.example/article/00000000000000000000000000000001");
        feed_free(f);
        strbuf_release(&sb);
    }
    /* at most WEB_FEED_MAX_ITEMS entries */
    {
        struct web_item many[WEB_FEED_MAX_ITEMS + 5];
        struct strbuf sb = STRBUF_INIT;
        struct feed *f = NULL;
        for (size_t i = 0; i < WEB_FEED_MAX_ITEMS + 5; i++)
            many[i] = items[0];
        doc.items = many;
        doc.n_items = WEB_FEED_MAX_ITEMS + 5;
        web_feed_write(&sb, WEB_FEED_ATOM, &ctx, &doc);
        assert_int_equal(feed_parse(sb.buf, sb.len, NULL, &f), HERALD_OK);
        assert_int_equal(f->nentries, WEB_FEED_MAX_ITEMS);
        feed_free(f);
        strbuf_release(&sb);
    }
}

static void test_autodiscovery_and_og(void **state)
{
    struct httpc_resp r;
    char path[96], want[200];
    (void)state;
    get("/", &r);
    snprintf(want, sizeof(want),
             "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"herald (Atom)\" "
             "href=\"http://127.0.0.1:%u/feed.atom\">",
             port);
    assert_true(has(&r, want));
    assert_true(has(&r, "type=\"application/feed+json\""));
    snprintf(want, sizeof(want), "<link rel=\"canonical\" href=\"http://127.0.0.1:%u/\">", port);
    assert_true(has(&r, want));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/source/%lld", (long long)ids.japan_today);
    get(path, &r);
    snprintf(want, sizeof(want), "/source/%lld/feed.xml\">", (long long)ids.japan_today);
    assert_true(has(&r, want));
    httpc_release(&r);
    /* the article page: Open Graph and Twitter card, absolute, from the configured base */
    snprintf(path, sizeof(path), "/article/%s", ids.czech);
    get_on(port_base, path, "evil.example", &r);
    assert_int_equal(r.status, 200);
    snprintf(want, sizeof(want),
             "<link rel=\"canonical\" href=\"https://news.example/herald/article/%s\">", ids.czech);
    assert_true(has(&r, want));
    snprintf(want, sizeof(want),
             "<meta property=\"og:url\" content=\"https://news.example/herald/article/%s\">",
             ids.czech);
    assert_true(has(&r, want));
    assert_true(has(&r, "<meta property=\"og:type\" content=\"article\">"));
    assert_true(has(&r, "<meta property=\"og:title\" content=\"Czech Republic accuses"));
    assert_true(
        has(&r, "<meta property=\"og:image\" content=\"https://news.example/herald/media/"));
    assert_true(has(&r, "<meta property=\"og:site_name\" content=\"herald\">"));
    assert_true(has(&r, "<meta property=\"article:published_time\" content=\""));
    assert_true(has(&r, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert_false(has(&r, "evil.example"));
    /* the original and its publisher */
    assert_true(has(&r, "<a href=\"https://wire.example/2025/czech-china-cyber\" "
                        "rel=\"noopener noreferrer\">Read the original at World Wire</a>"));
    assert_true(has(&r, "<p class=\"publisher\">Published by"));
    httpc_release(&r);
    /* the hostile article: its title escaped in every meta tag */
    snprintf(path, sizeof(path), "/article/%s", ids.hostile);
    get(path, &r);
    assert_false(has(&r, "<script>alert"));
    assert_true(has(&r, "<meta property=\"og:title\" content=\"&lt;script&gt;"));
    httpc_release(&r);
}

/* A Host header is used only when it is a plain authority, and the page cache keys by it. */
static void test_host_header(void **state)
{
    static const char *const hostile[] = {
        "evil\"><script>x</script>", "a b", "x/y", "u@h", "h:99999999", "[zz]"};
    struct httpc_resp r;
    (void)state;
    for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        get_on(port, "/", hostile[i], &r);
        if (r.status == 200) {
            assert_true(has(&r, "<link rel=\"canonical\" href=\"/\">"));
            assert_false(has(&r, "<script>x"));
        }
        httpc_release(&r);
    }
    get_on(port, "/", "other.example:8443", &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "<link rel=\"canonical\" href=\"http://other.example:8443/\">"));
    httpc_release(&r);
    /* the next client (its own Host) never gets that cached page */
    get(("/"), &r);
    assert_false(has(&r, "other.example"));
    httpc_release(&r);
    get_on(port, "/feed.xml", "other.example:8443", &r);
    assert_true(has(&r, "http://other.example:8443/article/"));
    httpc_release(&r);
    get("/feed.xml", &r);
    assert_false(has(&r, "other.example"));
    httpc_release(&r);
    /* a hostile Host: relative links, ids that do not depend on it */
    get_on(port, "/feed.atom", "evil\"><x>", &r);
    if (r.status == 200) {
        assert_well_formed(r.body.buf, r.body.len);
        assert_true(has(&r, "<id>urn:herald:feed:home</id>"));
        assert_true(has(&r, "href=\"/article/"));
    }
    httpc_release(&r);
}

static void test_robots_sitemaps(void **state)
{
    struct httpc_resp r;
    char want[160];
    int64_t page_ids = 0;
    (void)state;
    get("/robots.txt", &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "User-agent: *\n"));
    assert_true(has(&r, "Allow: /\n"));
    assert_true(has(&r, "Disallow: /api/\n"));
    assert_true(has(&r, "Disallow: /admin/\n"));
    assert_true(has(&r, "Disallow: /account\n"));
    assert_true(has(&r, "Disallow: /search\n"));
    assert_true(has(&r, "Disallow: /moderation\n"));
    assert_false(has(&r, "Disallow: /article"));
    assert_false(has(&r, "Disallow: /source"));
    assert_false(has(&r, "Disallow: /\n"));
    snprintf(want, sizeof(want), "Sitemap: http://127.0.0.1:%u/sitemap.xml\n", port);
    assert_true(has(&r, want));
    httpc_release(&r);
    get_on(port_base, "/robots.txt", NULL, &r);
    assert_true(has(&r, "Sitemap: https://news.example/herald/sitemap.xml\n"));
    httpc_release(&r);
    /* no usable Host and no base URL: no Sitemap line, and sitemaps refuse */
    get_on(port, "/robots.txt", "bad host", &r);
    if (r.status == 200)
        assert_false(has(&r, "Sitemap:"));
    httpc_release(&r);
    get_on(port, "/sitemap.xml", "bad host", &r);
    assert_true(r.status == 400);
    httpc_release(&r);

    get_on(port_base, "/sitemap.xml", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_well_formed(r.body.buf, r.body.len);
    assert_true(has(&r, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert_true(has(&r, "<loc>https://news.example/herald/sitemaps/pages.xml</loc>"));
    assert_true(has(&r, "<loc>https://news.example/herald/sitemaps/articles-1.xml</loc>"));
    assert_false(has(&r, "articles-2.xml"));
    httpc_release(&r);

    get_on(port_base, "/sitemaps/articles-1.xml", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_well_formed(r.body.buf, r.body.len);
    for (const char *p = r.body.buf; (p = strstr(p, "<url><loc>")); p++)
        page_ids++;
    assert_int_equal(page_ids, ids.n_articles); /* every article, once */
    snprintf(want, sizeof(want), "<loc>https://news.example/herald/article/%s</loc><lastmod>",
             ids.czech);
    assert_true(has(&r, want));
    httpc_release(&r);

    get_on(port_base, "/sitemaps/pages.xml", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_well_formed(r.body.buf, r.body.len);
    assert_true(has(&r, "<loc>https://news.example/herald/</loc>"));
    snprintf(want, sizeof(want), "<loc>https://news.example/herald/source/%lld</loc>",
             (long long)ids.japan_today);
    assert_true(has(&r, want));
    httpc_release(&r);
    get_on(port_base, "/sitemaps/topics-1.xml", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_well_formed(r.body.buf, r.body.len);
    assert_true(has(&r, "<loc>https://news.example/herald/topic/world</loc>"));
    assert_true(has(&r, "<loc>https://news.example/herald/topic/japan</loc>"));
    httpc_release(&r);
    get_on(port_base, "/sitemaps/entities-1.xml", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_well_formed(r.body.buf, r.body.len);
    assert_true(has(&r, "<loc>https://news.example/herald/entity/" FIXTURE_ENTITY "</loc>"));
    httpc_release(&r);

    static const char *const missing[] = {
        "/sitemaps/articles-2.xml", "/sitemaps/articles-0.xml", "/sitemaps/articles-01.xml",
        "/sitemaps/articles-.xml",  "/sitemaps/articles-1.txt", "/sitemaps/other.xml",
        "/sitemaps/topics-2.xml",   "/sitemaps/other-1.xml",    "/sitemaps/-1.xml"};
    for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
        get_on(port_base, missing[i], NULL, &r);
        if (r.status != 404)
            fail_msg("%s: %ld", missing[i], r.status);
        httpc_release(&r);
    }
}

/* The store's keyset: ranges of positions, bounded. */
static void test_store_ranges(void **state)
{
    store *st = NULL;
    int64_t max = 0;
    (void)state;
    assert_int_equal(store_open(db, STORE_READONLY, &st), HERALD_OK);
    assert_int_equal(store_article_seq_max(st, &max), HERALD_OK);
    assert_true(max >= ids.n_articles);
    assert_int_equal(store_article_seq_range(st, 10, 5, NULL, NULL), HERALD_E_INVALID);
    assert_int_equal(store_article_seq_range(st, 0, STORE_SEQ_RANGE_MAX + 1, NULL, NULL),
                     HERALD_E_INVALID);
    store_close(st);
}

static void test_api_index(void **state)
{
    struct httpc_resp r;
    json_t *root, *list, *v;
    size_t i, n_api = 0;
    char *doc;
    size_t doc_len;
    (void)state;
    get("/api/v1", &r);
    assert_int_equal(r.status, 200);
    root = json_loads(r.body.buf, 0, NULL);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "openapi")),
                        "/api/v1/openapi.json");
    list = json_object_get(root, "endpoints");
    /* every API route of the table, and nothing else */
    for (size_t k = 0; k < web_routes_count; k++) {
        const struct web_route_def *d = &web_routes[k];
        int found = 0;
        if (!(d->flags & WEB_RF_API) || strcmp(d->pattern, "/api/v1/") == 0 ||
            strcmp(d->pattern, "/api/v1") == 0)
            continue;
        n_api++;
        json_array_foreach(list, i, v)
        {
            found |= strcmp(json_string_value(json_object_get(v, "path")), d->pattern) == 0 &&
                     strcmp(json_string_value(json_object_get(v, "method")), d->method) == 0;
        }
        if (!found)
            fail_msg("the API index lacks %s %s", d->method, d->pattern);
    }
    assert_int_equal(json_array_size(list), n_api);
    json_decref(root);
    httpc_release(&r);
    get("/api/v1/", &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"endpoints\""));
    httpc_release(&r);
    /* the OpenAPI document: docs/openapi.json, byte for byte */
    get("/api/v1/openapi.json", &r);
    assert_int_equal(r.status, 200);
    {
        char *p = test_source_path("docs/openapi.json");
        doc = test_read_file(p, &doc_len);
        assert_non_null(doc);
        free(p);
    }
    assert_int_equal(r.body.len, doc_len);
    assert_memory_equal(r.body.buf, doc, doc_len);
    free(doc);
    httpc_release(&r);
}

/* ---- OPML export: admins only ------------------------------------------------------ */

static void signup(const char *name, char cookie[200])
{
    struct httpc_resp r;
    char body[128], *sc;
    const char *hdrs[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
    fake_now += 3601;
    snprintf(body, sizeof(body), "name=%s&password=correct+horse+battery", name);
    httpc_send(port, "POST", "/signup", hdrs, body, (size_t)-1, 0, &r);
    if (r.status != 303)
        fail_msg("signup %s: %ld %s", name, r.status, r.body.buf);
    sc = httpc_header(&r, "Set-Cookie");
    assert_non_null(sc);
    snprintf(cookie, 200, "Cookie: %.*s", (int)strcspn(sc, ";"), sc);
    free(sc);
    httpc_release(&r);
}

static void test_opml_export(void **state)
{
    char reader[200], admin[200];
    const char *hr[] = {reader, NULL}, *ha[] = {admin, NULL};
    struct httpc_resp r;
    struct opml_list l;
    struct store_user u;
    store *st = NULL;
    (void)state;
    get("/admin/feeds.opml", &r);
    assert_int_equal(r.status, 401);
    httpc_release(&r);
    signup("rita", reader);
    signup("ada", admin);
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    store_user_init(&u);
    assert_int_equal(store_user_get_by_name(st, "ada", &u), HERALD_OK);
    assert_int_equal(store_user_set_role(st, u.id, STORE_ROLE_ADMIN), HERALD_OK);
    store_user_release(&u);
    store_close(st);
    httpc_do(port, NULL, "/admin/feeds.opml", hr, 0, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    httpc_do(port, NULL, "/admin/feeds.opml", ha, 0, &r);
    assert_int_equal(r.status, 200);
    {
        char *ct = httpc_header(&r, "Content-Type"), *cc = httpc_header(&r, "Cache-Control");
        assert_string_equal(ct, "text/x-opml; charset=utf-8");
        assert_string_equal(cc, "private, no-store");
        free(ct);
        free(cc);
    }
    assert_well_formed(r.body.buf, r.body.len);
    assert_true(has(&r, "<opml version=\"2.0\">"));
    /* round trip: every feed, in the folder of its source, the hostile name intact */
    assert_int_equal(opml_parse(r.body.buf, r.body.len, NULL, &l), HERALD_OK);
    assert_int_equal(l.count, 4);
    {
        int hostile = 0, japan = 0;
        for (size_t i = 0; i < l.count; i++) {
            assert_non_null(l.items[i].category);
            assert_true(strncmp(l.items[i].xml_url, "https://", 8) == 0);
            hostile |= strcmp(l.items[i].category, FIXTURE_HOSTILE_SOURCE) == 0;
            if (strcmp(l.items[i].category, "Japan Today") == 0) {
                japan = 1;
                assert_string_equal(l.items[i].html_url, "https://japantoday.example/");
            }
        }
        assert_true(hostile && japan);
    }
    opml_list_release(&l);
    httpc_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_hostile),
        cmocka_unit_test(test_home_feeds),
        cmocka_unit_test(test_source_feeds),
        cmocka_unit_test(test_story_feeds),
        cmocka_unit_test(test_topic_feeds),
        cmocka_unit_test(test_search_feeds),
        cmocka_unit_test(test_autodiscovery_and_og),
        cmocka_unit_test(test_host_header),
        cmocka_unit_test(test_robots_sitemaps),
        cmocka_unit_test(test_store_ranges),
        cmocka_unit_test(test_api_index),
        cmocka_unit_test(test_opml_export),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
