/*
 * test_paging.c - list paging both ways and the home page's language filter, over HTTP: the
 * server in-process (page cache on) over the fixture plus a source of 70 articles in three
 * languages, 36 of them naming one entity.  On the home, source and entity pages, following
 * "Older articles" to the last page and "Newer articles" back gives the same pages byte for
 * byte (and an ?after= page is keyed apart from the first page in the cache); a malformed or
 * contradictory cursor is 400; the language control lists the archive's languages with
 * counts, keeps the current one selected, filters, and its paging links keep it.
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

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "fixture.h"
#include "httpc.h"
#include "store/store.h"
#include "testutil.h"
#include "web/server.h"

#define N_EXTRA 70
#define N_DE 40 /* German: enough for two pages of the filtered list */
#define N_FR 5
#define N_ENTITY 35 /* extra articles naming FIXTURE_ENTITY (the fixture has one more) */

static char *dir, *db;
static web_server *srv;
static unsigned port;
static struct fixture_ids ids;
static int64_t source_id;

static const char *lang_of(int i)
{
    return i < N_DE ? "de" : i < N_DE + N_FR ? "fr" : "en";
}

/* A source of N_EXTRA articles an hour apart, older than the fixture's. */
static herald_status add_articles(int64_t now)
{
    store *st = NULL;
    struct store_source s;
    struct store_feed f;
    int64_t feed_id;
    herald_status rc = store_open(db, 0, &st);
    if (rc)
        return rc;
    rc = store_tx_begin(st);
    if (rc)
        goto out;
    store_source_init(&s);
    s.name = "Paging Post";
    s.homepage = "https://paging.example/";
    rc = store_source_ensure(st, &s, &source_id);
    if (rc)
        goto out;
    store_feed_init(&f);
    f.url = "https://paging.example/feed.xml";
    f.source_id = source_id;
    rc = store_feed_add(st, &f, &feed_id);
    for (int i = 0; !rc && i < N_EXTRA; i++) {
        struct store_article a;
        char url[128], title[128], guid[32], id[STORE_ID_LEN + 1];
        store_article_init(&a);
        snprintf(url, sizeof(url), "https://paging.example/2025/item-%02d", i);
        snprintf(title, sizeof(title), "Paging item %02d (%s)", i, lang_of(i));
        snprintf(guid, sizeof(guid), "item-%02d", i);
        a.url = url;
        a.title = title;
        a.published = now - (int64_t)(100 + i) * 3600;
        a.first_seen = now - 60;
        a.language = (char *)lang_of(i);
        a.text = "Text of a paging item.";
        a.content_html = "<p>Text of a paging item.</p>";
        a.word_count = 5;
        a.source_id = source_id;
        rc = store_article_upsert(st, &a, feed_id, guid, id, NULL);
        if (!rc && i < N_ENTITY) {
            static struct store_entity ent[] = {{FIXTURE_ENTITY, "Prague", "place", 1}};
            struct store_analysis an;
            store_analysis_init(&an);
            an.language = (char *)lang_of(i);
            an.reading_minutes = 1;
            an.entities = ent;
            an.n_entities = 1;
            rc = store_analysis_put(st, id, &an);
        }
    }
    if (!rc)
        rc = store_tx_commit(st);
out:
    if (rc)
        store_tx_rollback(st);
    store_close(st);
    return rc;
}

static int setup(void **state)
{
    struct web_config cfg;
    int64_t now = time_now();
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture_tmp_db(&dir, &db);
    if (fixture_build(db, now, &ids) != HERALD_OK || add_articles(now) != HERALD_OK)
        return -1;
    fixture_web_config(&cfg, db);
    cfg.access_log = NULL;
    port = fixture_serve(&cfg, &srv);
    return port ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    web_server_free(srv);
    fixture_tmp_release(dir, db);
    curl_global_cleanup();
    return 0;
}

/* GETs path; fails unless the status is want.  The body is the caller's (free it). */
static char *get(const char *path, long want)
{
    struct httpc_resp r;
    char *body;
    httpc_do(port, NULL, path, NULL, 0, &r);
    if (r.status != want)
        fail_msg("%s: status %ld, want %ld", path, r.status, want);
    body = strbuf_detach(&r.body, NULL);
    httpc_release(&r);
    return body;
}

/* The list section of a page: from its opening marker to the end of the section (items
 * and paging links); malloc'd. */
static char *section(const char *page, const char *marker)
{
    const char *a = strstr(page, marker), *b;
    if (!a)
        fail_msg("no %s in the page", marker);
    b = strstr(a, "</section>");
    assert_non_null(b);
    return xstrndup(a, (size_t)(b - a));
}

/* The target of the paging link rel (prev/next) in html, &amp; decoded; NULL when there is
 * none.  Checks it sits in the "Pages" navigation. */
static char *link_of(const char *html, const char *rel)
{
    char needle[32];
    const char *p, *e, *nav = strstr(html, "<nav class=\"pager\" aria-label=\"Pages\">");
    struct strbuf sb = STRBUF_INIT;
    snprintf(needle, sizeof(needle), "<a rel=\"%s\" href=\"", rel);
    p = strstr(html, needle);
    if (!p)
        return NULL;
    assert_true(nav && nav < p);
    p += strlen(needle);
    e = strchr(p, '"');
    assert_non_null(e);
    while (p < e) {
        if (strncmp(p, "&amp;", 5) == 0) {
            strbuf_addch(&sb, '&');
            p += 5;
        } else {
            strbuf_addch(&sb, *p++);
        }
    }
    return strbuf_detach(&sb, NULL);
}

static int count_items(const char *html)
{
    int n = 0;
    for (const char *p = html; (p = strstr(p, "<li class=\"item\">")); p++)
        n++;
    return n;
}

/* Walks start's list to its last page by "Older" and back by "Newer": each page comes back
 * identical, the first has no "Newer" link and the last no "Older" one.  Returns the number
 * of pages; *items gets the number of items over all pages. */
#define MAX_PAGES 8
static int round_trip(const char *start, const char *marker, int *items)
{
    char *pages[MAX_PAGES], *path = xstrdup(start);
    int n = 0;
    *items = 0;
    for (;;) {
        char *body = get(path, 200), *next;
        assert_true(n < MAX_PAGES);
        pages[n] = section(body, marker);
        *items += count_items(pages[n]);
        free(body);
        if (n == 0)
            assert_null(link_of(pages[0], "prev"));
        else
            assert_non_null(strstr(path, "before="));
        next = link_of(pages[n], "next");
        n++;
        free(path);
        if (!next)
            break;
        path = next;
    }
    /* and back: every "Newer" page is the page before it, byte for byte */
    for (int i = n - 1; i > 0; i--) {
        char *prev = link_of(pages[i], "prev"), *body, *back;
        if (!prev)
            fail_msg("%s page %d has no Newer link", start, i + 1);
        assert_non_null(strstr(prev, "after="));
        body = get(prev, 200);
        back = section(body, marker);
        if (strcmp(back, pages[i - 1]) != 0)
            fail_msg("%s: Newer from page %d (%s) is not page %d", start, i + 1, prev, i);
        free(back);
        free(body);
        free(prev);
    }
    for (int i = 0; i < n; i++)
        free(pages[i]);
    return n;
}

static void test_home_pages(void **state)
{
    int items, pages;
    (void)state;
    pages = round_trip("/", "<section class=\"latest\"", &items);
    /* the fixture's articles (one story shown once) and the 70: three pages of 30 */
    assert_int_equal(pages, 3);
    assert_true(items > 60 + 10 && items <= 90);
}

static void test_source_pages(void **state)
{
    char path[64];
    int items;
    (void)state;
    snprintf(path, sizeof(path), "/source/%lld", (long long)source_id);
    assert_int_equal(round_trip(path, "<section aria-labelledby=\"src-latest-h\">", &items), 3);
    assert_int_equal(items, N_EXTRA);
}

static void test_entity_pages(void **state)
{
    int items;
    (void)state;
    assert_int_equal(
        round_trip("/entity/" FIXTURE_ENTITY, "<section aria-labelledby=\"ent-h\">", &items), 2);
    assert_int_equal(items, N_ENTITY + 1);
}

/* An ?after= page that reaches the newest article with less than a page of newer ones is
 * the first page; through the API the same cursor gives exactly the newer ones. */
static void test_after_near_top(void **state)
{
    char path[160], *first, *near, *b1, *b2, *body;
    json_t *j, *k;
    (void)state;
    body = get("/api/v1/articles?limit=5", 200);
    j = json_loads(body, 0, NULL);
    free(body);
    assert_non_null(j);
    snprintf(path, sizeof(path), "/api/v1/articles?limit=5&after=%s",
             json_string_value(json_object_get(j, "next_cursor")));
    body = get(path, 200);
    k = json_loads(body, 0, NULL);
    free(body);
    assert_int_equal(json_array_size(json_object_get(k, "articles")), 4);
    assert_true(json_equal(json_array_get(json_object_get(k, "articles"), 0),
                           json_array_get(json_object_get(j, "articles"), 0)));
    assert_true(json_is_null(json_object_get(k, "prev_cursor")));
    json_decref(k);
    snprintf(path, sizeof(path), "/?after=%s",
             json_string_value(json_object_get(j, "next_cursor")));
    json_decref(j);
    b1 = get("/", 200);
    b2 = get(path, 200);
    first = section(b1, "<section class=\"latest\"");
    near = section(b2, "<section class=\"latest\"");
    assert_string_equal(near, first);
    assert_non_null(strstr(b2, "Top stories"));
    free(first);
    free(near);
    free(b1);
    free(b2);
}

static void test_bad_cursors(void **state)
{
    static const char *const bad[] = {
        "/?after=zz",
        "/?after=%3Cx",
        "/?after=1.2", /* well-shaped, meaningless: the store says no */
        "/?after=1764100000.0123456789abcdef0123456789abcdef"
        "&before=1764100000.0123456789abcdef0123456789abcdef",
        "/?before=zz",
        "/source/1?after=zz",
        "/entity/" FIXTURE_ENTITY "?after=zz",
        "/entity/" FIXTURE_ENTITY "?after=1.2",
        "/?lang=%3Cx",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        free(get(bad[i], 400));
    /* pages do not check their query parameters: links carry tracking ones */
    free(get("/?utm_source=newsletter", 200));
}

static void test_language_filter(void **state)
{
    char *home = get("/", 200), *de, *older, *body, *back, *s1, *s2;
    char want[96];
    int en = 0;
    (void)state;
    /* a GET form with a labelled select of the archive's languages and their counts */
    assert_non_null(strstr(home, "<form class=\"lang-filter\" method=\"get\" action=\"/\">"));
    assert_non_null(strstr(home, "<label for=\"lang-filter\">Language</label>"));
    assert_non_null(strstr(home, "<select id=\"lang-filter\" name=\"lang\">"
                                 "<option value=\"\">All languages</option>"));
    snprintf(want, sizeof(want), "<option value=\"de\">German (de) \xc2\xb7 %d</option>", N_DE);
    assert_non_null(strstr(home, want));
    snprintf(want, sizeof(want), "<option value=\"fr\">French (fr) \xc2\xb7 %d</option>", N_FR);
    assert_non_null(strstr(home, want));
    for (int i = 0; i < 200 && !en; i++) {
        snprintf(want, sizeof(want), "<option value=\"en\">English (en) \xc2\xb7 %d</option>",
                 N_EXTRA - N_DE - N_FR + i);
        en = strstr(home, want) != NULL;
    }
    assert_true(en);
    assert_non_null(strstr(home, "<button type=\"submit\">Show</button></form>"));
    free(home);

    /* the filter: German only, the choice kept, paging links carry it */
    de = get("/?lang=de", 200);
    assert_non_null(strstr(de, "<option value=\"de\" selected>German (de)"));
    assert_null(strstr(de, "(en)</a>"));
    assert_null(strstr(de, "(fr)</a>"));
    s1 = section(de, "<section class=\"latest\"");
    assert_int_equal(count_items(s1), 30);
    older = link_of(s1, "next");
    assert_non_null(older);
    assert_non_null(strstr(older, "&lang=de"));
    body = get(older, 200);
    s2 = section(body, "<section class=\"latest\"");
    assert_int_equal(count_items(s2), N_DE - 30);
    assert_null(strstr(s2, "(en)</a>"));
    assert_null(link_of(s2, "next"));
    free(older);
    older = link_of(s2, "prev");
    assert_non_null(strstr(older, "&lang=de"));
    free(body);
    body = get(older, 200);
    back = section(body, "<section class=\"latest\"");
    assert_string_equal(back, s1);
    free(back);
    free(body);
    free(older);
    free(s1);
    free(s2);
    free(de);

    /* a language no article has: still the selected choice, an honest empty list */
    body = get("/?lang=ja", 200);
    assert_non_null(strstr(body, "<option value=\"ja\" selected>Japanese (ja)"));
    assert_non_null(strstr(body, "No articles in this language."));
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_home_pages),   cmocka_unit_test(test_source_pages),
        cmocka_unit_test(test_entity_pages), cmocka_unit_test(test_after_near_top),
        cmocka_unit_test(test_bad_cursors),  cmocka_unit_test(test_language_filter),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
