/*
 * test_store.c - the store: migrations, feeds, sources, article dedupe, transactions,
 * keyset pagination, search, related articles, read-only handles, bulk loading.
 *
 * Every test works on a fresh database in a temporary directory and runs store_check()
 * (the module's invariants: integrity, foreign keys, FTS in sync, unique URL keys, ...)
 * after its operations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/url.h"
#include "store/store.h"
#include "store/store_backend.h"
#include "testutil.h"

struct fx {
    char *dir;
    char *path;
    store *st;
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof(*f));
    size_t n;
    f->dir = test_tmpdir();
    n = strlen(f->dir) + 16;
    f->path = xmalloc(n);
    snprintf(f->path, n, "%s/t.db", f->dir);
    if (store_open(f->path, 0, &f->st) != HERALD_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->st);
    test_rmtree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static void check(store *st)
{
    herald_status rc = store_check(st);
    if (rc)
        fail_msg("store_check: %s", store_errmsg(st));
}

static int64_t add_source(store *st, const char *name, const char *homepage)
{
    struct store_source s;
    int64_t id = 0;
    store_source_init(&s);
    s.name = (char *)name;
    s.homepage = (char *)homepage;
    assert_int_equal(store_source_ensure(st, &s, &id), HERALD_OK);
    assert_true(id > 0);
    return id;
}

static int64_t add_feed(store *st, const char *url, int64_t source_id)
{
    struct store_feed fd;
    int64_t id = 0;
    store_feed_init(&fd);
    fd.url = (char *)url;
    fd.source_id = source_id;
    assert_int_equal(store_feed_add(st, &fd, &id), HERALD_OK);
    assert_true(id > 0);
    return id;
}

/* An article "card" with borrowed strings (never released). */
static struct store_article art(const char *url, const char *title, const char *text)
{
    struct store_article a;
    store_article_init(&a);
    a.url = (char *)url;
    a.title = (char *)title;
    a.text = (char *)text;
    return a;
}

static enum store_upsert_result put(store *st, const struct store_article *a, int64_t feed,
                                    const char *guid, char id[STORE_ID_LEN + 1])
{
    enum store_upsert_result res = 0;
    char tmp[STORE_ID_LEN + 1];
    herald_status rc = store_article_upsert(st, a, feed, guid, id ? id : tmp, &res);
    if (rc)
        fail_msg("upsert %s: %s (%s)", a->url, herald_strerror(rc), store_errmsg(st));
    return res;
}

static int64_t count_articles(store *st)
{
    struct store_stats s;
    assert_int_equal(store_stats_get(st, &s), HERALD_OK);
    return s.articles;
}

/* ---- schema and migrations --------------------------------------------------------- */

static void test_fresh(void **state)
{
    struct fx *f = *state;
    struct store_stats s;
    int64_t v = -1;
    assert_int_equal(store_schema_version(f->st), STORE_SCHEMA_VERSION);
    assert_int_equal(store_stats_get(f->st, &s), HERALD_OK);
    assert_int_equal(s.articles, 0);
    assert_int_equal(s.feeds, 0);
    assert_int_equal(s.sources, 0);
    assert_true(s.last_ingest == TIME_NONE);
    assert_int_equal(s.schema_version, STORE_SCHEMA_VERSION);
    assert_int_equal(store_data_version(f->st, &v), HERALD_OK);
    assert_int_equal(v, 0);
    check(f->st);
    /* Reopening an up-to-date database changes nothing. */
    store_close(f->st);
    assert_int_equal(store_open(f->path, 0, &f->st), HERALD_OK);
    assert_int_equal(store_schema_version(f->st), STORE_SCHEMA_VERSION);
    check(f->st);
}

static void test_upgrade_from_v1(void **state)
{
    struct fx *f = *state;
    char path[4096], id[STORE_ID_LEN + 1];
    store *st = NULL;
    struct store_search_query q;
    struct store_search_result r;
    struct store_article a = art("https://ex.org/volcano", "Volcano erupts near the harbour",
                                 "Ash clouds drifted over the harbour town.");
    int64_t feed;

    snprintf(path, sizeof(path), "%s/old.db", f->dir);
    assert_int_equal(store_sqlite_open_version(path, 1, &st), HERALD_OK);
    assert_int_equal(store_schema_version(st), 1);
    feed = add_feed(st, "https://ex.org/feed.xml", add_source(st, "Example", NULL));
    assert_int_equal(put(st, &a, feed, "g1", id), STORE_UPSERT_INSERTED);
    store_close(st);
    st = NULL;

    /* A read-only handle refuses an outdated schema instead of migrating. */
    assert_int_equal(store_open(path, STORE_READONLY, &st), HERALD_E_VERSION);
    assert_null(st);

    assert_int_equal(store_open(path, 0, &st), HERALD_OK);
    assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
    check(st);
    /* The article written under v1 is searchable: the index was built from existing rows. */
    store_search_query_init(&q);
    q.q = "volcano";
    assert_int_equal(store_search(st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.hits[0].article.id, id);
    store_search_result_release(&r);
    store_close(st);
}

/* ---- topics ----------------------------------------------------------------------- */

static void put_cats(store *st, const char *url, const char *title, int64_t published,
                     const char *cats, char id[STORE_ID_LEN + 1])
{
    struct store_article a = art(url, title, "Some words of text.");
    a.published = published;
    a.categories = (char *)cats;
    put(st, &a, 0, NULL, id);
}

static void topic_ids(void *ud, int64_t id, const char *key, int64_t lastmod)
{
    struct strbuf *sb = ud;
    (void)id;
    assert_true(lastmod == TIME_NONE);
    strbuf_addf(sb, "%s ", key);
}

/* The topic index: filled from existing rows by the migration, kept on insert and on a
 * change of categories, counted; the list filter and its keyset pages; sitemap rows. */
static void test_topics(void **state)
{
    struct fx *f = *state;
    char path[4096], id1[STORE_ID_LEN + 1], id2[STORE_ID_LEN + 1], id4[STORE_ID_LEN + 1];
    struct store_topic_list tl;
    struct store_topic t;
    struct store_article_query q;
    struct store_article_list l;
    struct strbuf sb = STRBUF_INIT;
    store *st = NULL;
    int64_t max = 0;
    char *slug;

    slug = store_topic_slug("  World News ");
    assert_string_equal(slug, "world-news");
    free(slug);
    assert_null(store_topic_slug("\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1")); /* Greek */
    assert_null(store_topic_slug("!!"));

    /* rows written before the topic index existed (schema 7) */
    snprintf(path, sizeof(path), "%s/v7.db", f->dir);
    assert_int_equal(store_sqlite_open_version(path, 7, &st), HERALD_OK);
    put_cats(st, "https://ex.org/1", "One", 1000, "[\"World\",\"Climate\"]", id1);
    put_cats(st, "https://ex.org/2", "Two", 2000, "[\"world\",\"Politics\",\"world\"]", id2);
    put_cats(st, "https://ex.org/3", "Three", 3000, "[]", NULL);
    put_cats(st, "https://ex.org/5", "Five", 5000, "{\"a\": \"World\"}", NULL);
    store_close(st);
    assert_int_equal(store_open(path, 0, &st), HERALD_OK);
    check(st);
    assert_int_equal(store_topic_list(st, 2, 0, &tl), HERALD_OK);
    assert_int_equal(tl.count, 1);
    assert_string_equal(tl.items[0].slug, "world");
    assert_string_equal(tl.items[0].name, "World"); /* the first spelling stored */
    assert_int_equal(tl.items[0].count, 2);
    store_topic_list_release(&tl);
    assert_int_equal(store_topic_get(st, "climate", &t), HERALD_OK);
    assert_int_equal(t.count, 1);
    store_topic_release(&t);

    /* a new article: a topic reaches 2; a non-Latin or non-string category is not filed */
    put_cats(st, "https://ex.org/4", "Four", 4000,
             "[\"Climate\", \"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale\", 42, \"  \","
             " \"\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1\"]",
             id4);
    check(st);
    assert_int_equal(store_topic_list(st, 1, 0, &tl), HERALD_OK);
    assert_int_equal(tl.count, 4); /* world 2, climate 2, then politics, societe-generale */
    assert_string_equal(tl.items[0].slug, "climate");
    assert_string_equal(tl.items[1].slug, "world");
    assert_string_equal(tl.items[2].slug, "politics");
    assert_string_equal(tl.items[3].slug, "societe-generale");
    store_topic_list_release(&tl);

    /* the list filter: only the topic's articles, newest first, one keyset page at a time */
    store_article_query_init(&q);
    q.topic = "climate";
    q.limit = 1;
    assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].id, id4);
    assert_true(l.next_cursor[0] != '\0');
    strbuf_adds(&sb, l.next_cursor);
    store_article_list_release(&l);
    q.cursor = sb.buf;
    assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].id, id1);
    assert_string_equal(l.next_cursor, "");
    store_article_list_release(&l);
    strbuf_reset(&sb);
    q.cursor = NULL;
    q.topic = "Not A Slug";
    assert_int_equal(store_article_list(st, &q, &l), HERALD_E_INVALID);
    assert_int_equal(store_topic_get(st, "Not A Slug", &t), HERALD_E_INVALID);
    assert_int_equal(store_topic_get(st, "no-such-topic", &t), HERALD_E_NOTFOUND);

    /* a change of categories refiles the article (the content changes with it) */
    put_cats(st, "https://ex.org/1", "One, revised", 1000, "[\"Sport\"]", NULL);
    check(st);
    assert_int_equal(store_topic_get(st, "climate", &t), HERALD_OK);
    assert_int_equal(t.count, 1);
    store_topic_release(&t);
    assert_int_equal(store_topic_get(st, "world", &t), HERALD_OK);
    assert_int_equal(t.count, 1);
    store_topic_release(&t);
    q.topic = "sport";
    q.limit = 10;
    assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].id, id1);
    store_article_list_release(&l);
    /* an update that does not name categories keeps them */
    put_cats(st, "https://ex.org/1", "One, again", 1000, NULL, NULL);
    assert_int_equal(store_topic_get(st, "sport", &t), HERALD_OK);
    assert_int_equal(t.count, 1);
    store_topic_release(&t);

    /* sitemaps: topics of 2 articles or more, by id */
    put_cats(st, "https://ex.org/6", "Six", 6000, "[\"Sport\"]", NULL);
    assert_int_equal(store_sitemap_max(st, STORE_SITEMAP_TOPICS, &max), HERALD_OK);
    assert_true(max >= 5);
    assert_int_equal(store_sitemap_range(st, STORE_SITEMAP_TOPICS, 1, max + 1, topic_ids, &sb),
                     HERALD_OK);
    assert_string_equal(sb.buf, "sport ");
    /* a new sort time moves the article's place in its topics (rows keep list order) */
    q.topic = "sport";
    assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[1].id, id1);
    store_article_list_release(&l);
    put_cats(st, "https://ex.org/1", "One, moved", 8000, NULL, NULL);
    check(st);
    assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].id, id1);
    store_article_list_release(&l);
    assert_int_equal(store_sitemap_range(st, STORE_SITEMAP_TOPICS, 1, 1 + STORE_SEQ_RANGE_MAX + 1,
                                         topic_ids, &sb),
                     HERALD_E_INVALID);
    check(st);
    strbuf_release(&sb);
    store_close(st);
}

static void test_newer_refused(void **state)
{
    struct fx *f = *state;
    store *st = NULL;
    assert_int_equal(store_sqlite_force_version(f->st, STORE_SCHEMA_VERSION + 1), HERALD_OK);
    store_close(f->st);
    f->st = NULL;
    assert_int_equal(store_open(f->path, 0, &st), HERALD_E_VERSION);
    assert_null(st);
    assert_int_equal(store_open(f->path, STORE_READONLY, &st), HERALD_E_VERSION);
    assert_null(st);
    assert_int_equal(store_sqlite_open_version(f->path, 1, &st), HERALD_E_VERSION);
}

static void test_postgres_unsupported(void **state)
{
    store *st = NULL;
    (void)state;
    assert_int_equal(store_open("postgresql://localhost/herald", 0, &st), HERALD_E_UNSUPPORTED);
    assert_null(st);
    assert_int_equal(store_open("", 0, &st), HERALD_E_INVALID);
    store_close(NULL);
}

static void test_readonly(void **state)
{
    struct fx *f = *state;
    store *ro = NULL;
    char path[4096], id[STORE_ID_LEN + 1];
    struct store_feed fd;
    struct store_article a = art("https://ex.org/a", "A", "text");
    struct store_article got;
    int64_t feed = add_feed(f->st, "https://ex.org/feed", 0);
    int64_t sid = 0;
    struct store_source src;

    put(f->st, &a, feed, NULL, id);
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro), HERALD_OK);
    store_feed_init(&fd);
    fd.url = "https://ex.org/other";
    assert_int_equal(store_feed_add(ro, &fd, &feed), HERALD_E_DENIED);
    assert_true(strlen(store_errmsg(ro)) > 0);
    assert_int_equal(store_article_upsert(ro, &a, 0, NULL, NULL, NULL), HERALD_E_DENIED);
    assert_int_equal(store_feed_remove(ro, feed), HERALD_E_DENIED);
    store_source_init(&src);
    src.name = "X";
    assert_int_equal(store_source_ensure(ro, &src, &sid), HERALD_E_DENIED);
    assert_int_equal(sid, 0);
    /* Reads work, and a read snapshot can be taken. */
    assert_int_equal(store_tx_begin(ro), HERALD_OK);
    assert_int_equal(store_article_get(ro, id, &got), HERALD_OK);
    assert_string_equal(got.title, "A");
    store_article_release(&got);
    assert_int_equal(store_tx_commit(ro), HERALD_OK);
    check(ro);
    store_close(ro);

    snprintf(path, sizeof(path), "%s/missing.db", f->dir);
    ro = NULL;
    assert_int_equal(store_open(path, STORE_READONLY, &ro), HERALD_E_NOTFOUND);
    assert_null(ro);
}

/* ---- sources and feeds ------------------------------------------------------------- */

static void test_sources(void **state)
{
    struct fx *f = *state;
    struct store_source s, got;
    struct store_source_list l;
    int64_t a, b, c, d;

    a = add_source(f->st, "Daily Planet", "https://DailyPlanet.example/#top");
    b = add_source(f->st, "The Daily Planet", "https://dailyplanet.example/");
    assert_int_equal(a, b); /* same homepage after normalisation */
    c = add_source(f->st, "daily bugle", NULL);
    /* Same name, different homepages: two publishers; a name-only source is filled. */
    int64_t e1 = add_source(f->st, "Courier", "https://courier-one.example/");
    int64_t e2 = add_source(f->st, "Courier", "https://courier-two.example/");
    assert_int_not_equal(e1, e2);
    assert_int_equal(add_source(f->st, "courier", NULL), e1);
    store_source_init(&s);
    s.name = "Daily Bugle";
    s.icon_url = "https://bugle.example/icon.png";
    s.copyright = "(c) Bugle";
    assert_int_equal(store_source_ensure(f->st, &s, &d), HERALD_OK);
    assert_int_equal(c, d); /* same name, case-insensitively; fields filled */
    assert_int_equal(store_source_get(f->st, c, &got), HERALD_OK);
    assert_string_equal(got.name, "daily bugle");
    assert_string_equal(got.icon_url, "https://bugle.example/icon.png");
    assert_string_equal(got.copyright, "(c) Bugle");
    assert_int_equal(got.article_count, 0);
    store_source_release(&got);
    /* Filling never overwrites. */
    s.icon_url = "https://bugle.example/other.png";
    assert_int_equal(store_source_ensure(f->st, &s, &d), HERALD_OK);
    assert_int_equal(store_source_get(f->st, c, &got), HERALD_OK);
    assert_string_equal(got.icon_url, "https://bugle.example/icon.png");
    store_source_release(&got);

    s.id = c;
    s.name = "Bugle";
    s.icon_url = NULL;
    assert_int_equal(store_source_update(f->st, &s), HERALD_OK);
    assert_int_equal(store_source_get(f->st, c, &got), HERALD_OK);
    assert_string_equal(got.name, "Bugle");
    assert_null(got.icon_url);
    store_source_release(&got);

    assert_int_equal(store_source_get(f->st, 9999, &got), HERALD_E_NOTFOUND);
    s.name = NULL;
    assert_int_equal(store_source_ensure(f->st, &s, &d), HERALD_E_INVALID);

    add_feed(f->st, "https://dailyplanet.example/rss", a);
    assert_int_equal(store_source_list(f->st, &l), HERALD_OK);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].name, "Bugle");
    assert_string_equal(l.items[3].name, "Daily Planet");
    assert_int_equal(l.items[3].feed_count, 1);
    store_source_list_release(&l);
    store_source_list_release(&l); /* safe twice */
    /* the same sources in the same order without their counts */
    assert_int_equal(store_source_names(f->st, &l), HERALD_OK);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].name, "Bugle");
    assert_string_equal(l.items[3].name, "Daily Planet");
    assert_int_equal(l.items[3].feed_count, -1);
    assert_int_equal(l.items[3].article_count, -1);
    assert_true(l.items[3].last_article == TIME_NONE);
    store_source_list_release(&l);
    check(f->st);
}

static void test_feeds_crud(void **state)
{
    struct fx *f = *state;
    struct store_feed fd, got;
    struct store_feed_list l;
    int64_t src = add_source(f->st, "Ex", "https://ex.org/");
    int64_t a, b, dup = -7;

    store_feed_init(&fd);
    fd.url = "https://ex.org/feed.xml";
    fd.title = "Ex top";
    fd.source_id = src;
    fd.fetch_mode = STORE_FETCH_ALWAYS;
    assert_int_equal(store_feed_add(f->st, &fd, &a), HERALD_OK);
    fd.url = "HTTPS://EX.org:443/feed.xml#x";
    assert_int_equal(store_feed_add(f->st, &fd, &dup), HERALD_E_EXISTS);
    assert_int_equal(dup, -7); /* output untouched on failure */
    fd.url = "not a url";
    assert_int_equal(store_feed_add(f->st, &fd, &dup), HERALD_E_INVALID);
    fd.url = "https://ex.org/other.xml";
    fd.source_id = 4242;
    assert_int_equal(store_feed_add(f->st, &fd, &dup), HERALD_E_NOTFOUND);
    b = add_feed(f->st, "https://ex.org/world.xml", 0);

    assert_int_equal(store_feed_get(f->st, a, &got), HERALD_OK);
    assert_string_equal(got.url, "https://ex.org/feed.xml");
    assert_string_equal(got.title, "Ex top");
    assert_int_equal(got.source_id, src);
    assert_string_equal(got.source_name, "Ex");
    assert_int_equal(got.fetch_mode, STORE_FETCH_ALWAYS);
    assert_true(got.created != TIME_NONE);
    assert_true(got.last_poll == TIME_NONE);
    assert_int_equal(got.consecutive_errors, 0);
    store_feed_release(&got);
    assert_int_equal(store_feed_get_by_url(f->st, "https://EX.org/feed.xml", &got), HERALD_OK);
    assert_int_equal(got.id, a);
    store_feed_release(&got);

    assert_int_equal(store_feed_set_title(f->st, b, "World"), HERALD_OK);
    assert_int_equal(store_feed_set_source(f->st, b, src), HERALD_OK);
    assert_int_equal(store_feed_set_source(f->st, b, 999), HERALD_E_NOTFOUND);
    assert_int_equal(store_feed_set_fetch_mode(f->st, b, STORE_FETCH_NEVER), HERALD_OK);
    assert_int_equal(store_feed_list_source(f->st, src, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[1].title, "World");
    assert_int_equal(l.items[1].fetch_mode, STORE_FETCH_NEVER);
    store_feed_list_release(&l);

    /* A permanent redirect moves the URL; onto another feed's URL it is refused. */
    assert_int_equal(store_feed_set_url(f->st, b, "https://ex.org/feed.xml"), HERALD_E_EXISTS);
    assert_int_equal(store_feed_set_url(f->st, b, "https://ex.org/world2.xml"), HERALD_OK);
    assert_int_equal(store_feed_get_by_url(f->st, "https://ex.org/world2.xml", &got), HERALD_OK);
    assert_int_equal(got.id, b);
    store_feed_release(&got);
    assert_int_equal(store_feed_get_by_url(f->st, "https://ex.org/world.xml", &got),
                     HERALD_E_NOTFOUND);

    assert_int_equal(store_feed_remove(f->st, b), HERALD_OK);
    assert_int_equal(store_feed_remove(f->st, b), HERALD_E_NOTFOUND);
    assert_int_equal(store_feed_get(f->st, b, &got), HERALD_E_NOTFOUND);
    assert_int_equal(store_feed_list(f->st, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].id, a);
    store_feed_list_release(&l);

    assert_int_equal(store_fetch_mode_parse("never", &fd.fetch_mode), 0);
    assert_int_equal(fd.fetch_mode, STORE_FETCH_NEVER);
    assert_int_equal(store_fetch_mode_parse("sometimes", &fd.fetch_mode), -1);
    assert_string_equal(store_fetch_mode_name(STORE_FETCH_AUTO), "auto");
    check(f->st);
}

static void test_feeds_due_and_poll(void **state)
{
    struct fx *f = *state;
    struct store_feed fd, got;
    struct store_feed_list l;
    struct store_feed_poll p;
    int64_t ids[4];
    const int64_t next[4] = {2000, TIME_NONE, 1000, 5000};
    char url[64];

    for (int i = 0; i < 4; i++) {
        store_feed_init(&fd);
        snprintf(url, sizeof(url), "https://ex%d.org/feed", i);
        fd.url = url;
        fd.next_poll = next[i];
        assert_int_equal(store_feed_add(f->st, &fd, &ids[i]), HERALD_OK);
    }
    /* Due at 3000: never-polled first, then most overdue; 5000 is not due. */
    assert_int_equal(store_feed_list_due(f->st, 3000, 0, &l), HERALD_OK);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[0].id, ids[1]);
    assert_int_equal(l.items[1].id, ids[2]);
    assert_int_equal(l.items[2].id, ids[0]);
    store_feed_list_release(&l);
    assert_int_equal(store_feed_list_due(f->st, 3000, 2, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    store_feed_list_release(&l);

    /* A 200 with validators. */
    memset(&p, 0, sizeof(p));
    p.polled_at = 3000;
    p.next_poll = 3600;
    p.poll_interval = 600;
    p.status = 200;
    p.set_validators = 1;
    p.etag = "\"abc\"";
    p.last_modified = "Wed, 25 Nov 2026 20:00:00 GMT";
    assert_int_equal(store_feed_poll_update(f->st, ids[0], &p), HERALD_OK);
    /* A failure keeps the validators, counts the error, keeps last_success. */
    memset(&p, 0, sizeof(p));
    p.polled_at = 4000;
    p.next_poll = 4600;
    p.status = 503;
    p.error = "HTTP 503";
    p.consecutive_errors = 1;
    assert_int_equal(store_feed_poll_update(f->st, ids[0], &p), HERALD_OK);
    assert_int_equal(store_feed_get(f->st, ids[0], &got), HERALD_OK);
    assert_string_equal(got.etag, "\"abc\"");
    assert_string_equal(got.last_modified, "Wed, 25 Nov 2026 20:00:00 GMT");
    assert_int_equal(got.last_status, 503);
    assert_string_equal(got.last_error, "HTTP 503");
    assert_int_equal(got.consecutive_errors, 1);
    assert_int_equal(got.last_poll, 4000);
    assert_int_equal(got.last_success, 3000);
    assert_int_equal(got.next_poll, 4600);
    assert_int_equal(got.poll_interval, 600);
    store_feed_release(&got);
    check(f->st);
    /* A 304 success clears the error and resets the count. */
    memset(&p, 0, sizeof(p));
    p.polled_at = 5000;
    p.next_poll = 5600;
    p.status = 304;
    p.consecutive_errors = 3; /* ignored on success */
    assert_int_equal(store_feed_poll_update(f->st, ids[0], &p), HERALD_OK);
    assert_int_equal(store_feed_get(f->st, ids[0], &got), HERALD_OK);
    assert_null(got.last_error);
    assert_int_equal(got.consecutive_errors, 0);
    assert_int_equal(got.last_success, 5000);
    assert_string_equal(got.etag, "\"abc\"");
    store_feed_release(&got);
    /* New validators replace; NULL clears. */
    p.set_validators = 1;
    p.etag = NULL;
    p.last_modified = "x";
    assert_int_equal(store_feed_poll_update(f->st, ids[0], &p), HERALD_OK);
    assert_int_equal(store_feed_get(f->st, ids[0], &got), HERALD_OK);
    assert_null(got.etag);
    assert_string_equal(got.last_modified, "x");
    store_feed_release(&got);

    assert_int_equal(store_feed_poll_update(f->st, 4242, &p), HERALD_E_NOTFOUND);
    p.polled_at = TIME_NONE;
    assert_int_equal(store_feed_poll_update(f->st, ids[0], &p), HERALD_E_INVALID);
    check(f->st);
}

/* ---- articles: dedupe -------------------------------------------------------------- */

static void test_upsert_dedupe(void **state)
{
    struct fx *f = *state;
    int64_t src = add_source(f->st, "Outlet", "https://outlet.example/");
    int64_t other = add_source(f->st, "Other", "https://other.example/");
    int64_t top = add_feed(f->st, "https://outlet.example/top.xml", src);
    int64_t world = add_feed(f->st, "https://outlet.example/world.xml", src);
    int64_t ofeed = add_feed(f->st, "https://other.example/feed.xml", other);
    char id1[STORE_ID_LEN + 1], id2[STORE_ID_LEN + 1], want[STORE_ID_LEN + 1];
    struct store_article a, got;
    struct store_feed fd;

    a = art("https://outlet.example/news/1", "Bridge opens", "The bridge opened today.");
    a.summary = "Bridge opens.";
    a.content_html = "<p>The bridge opened today.</p>";
    a.published = 1000;
    a.first_seen = 2000;
    assert_int_equal(put(f->st, &a, top, "guid-1", id1), STORE_UPSERT_INSERTED);
    assert_int_equal(url_article_id("https://outlet.example/news/1", want), HERALD_OK);
    assert_string_equal(id1, want);
    /* The same entry in the outlet's second feed: one row, linked twice. */
    assert_int_equal(put(f->st, &a, world, "guid-1", id2), STORE_UPSERT_UNCHANGED);
    assert_string_equal(id1, id2);
    assert_int_equal(count_articles(f->st), 1);
    assert_int_equal(store_feed_get(f->st, world, &fd), HERALD_OK);
    assert_int_equal(fd.article_count, 1);
    store_feed_release(&fd);
    check(f->st);

    /* Same guid, URL changed (the outlet moved it): still the same article. */
    a.url = "https://outlet.example/news/1-bridge-opens";
    assert_int_equal(put(f->st, &a, top, "guid-1", id2), STORE_UPSERT_UNCHANGED);
    assert_string_equal(id1, id2);
    /* Same guid from the outlet's other feed, too (guids are unique per publisher). */
    assert_int_equal(put(f->st, &a, world, "guid-1", id2), STORE_UPSERT_UNCHANGED);
    assert_string_equal(id1, id2);

    /* Same URL after normalisation: tracking parameters, fragment, case, default port. */
    a.url = "HTTPS://Outlet.Example:443/news/1?utm_source=rss&utm_medium=feed#comments";
    assert_int_equal(put(f->st, &a, ofeed, NULL, id2), STORE_UPSERT_UNCHANGED);
    assert_string_equal(id1, id2);
    /* Matching a stored URL through the canonical URL. */
    a.url = "https://m.outlet.example/amp/1";
    a.canonical_url = "https://outlet.example/news/1";
    assert_int_equal(put(f->st, &a, 0, NULL, id2), STORE_UPSERT_UNCHANGED);
    assert_string_equal(id1, id2);
    assert_int_equal(count_articles(f->st), 1);
    assert_int_equal(store_article_lookup(f->st, ofeed, NULL,
                                          "https://outlet.example/news/1?fbclid=x", NULL, id2),
                     HERALD_OK);
    assert_string_equal(id1, id2);
    check(f->st);

    /* Changed content: UPDATED, same id, first_seen kept. */
    a = art("https://outlet.example/news/1", "Bridge opens after delay",
            "The bridge opened today, a year late.");
    assert_int_equal(put(f->st, &a, top, "guid-1", id2), STORE_UPSERT_UPDATED);
    assert_string_equal(id1, id2);
    assert_int_equal(store_article_get(f->st, id1, &got), HERALD_OK);
    assert_string_equal(got.title, "Bridge opens after delay");
    assert_string_equal(got.text, "The bridge opened today, a year late.");
    /* Fields not given this time were kept. */
    assert_string_equal(got.summary, "Bridge opens.");
    assert_string_equal(got.content_html, "<p>The bridge opened today.</p>");
    assert_int_equal(got.first_seen, 2000);
    assert_int_equal(got.published, 1000);
    assert_int_equal(got.sort_time, 1000);
    assert_string_equal(got.source_name, "Outlet");
    assert_string_equal(got.source_homepage, "https://outlet.example/");
    assert_int_equal(got.source_id, src);
    assert_int_equal(got.feed_id, top);
    assert_string_equal(got.guid, "guid-1");
    store_article_release(&got);
    /* Again, identical: UNCHANGED. */
    assert_int_equal(put(f->st, &a, top, "guid-1", id2), STORE_UPSERT_UNCHANGED);

    /* A guid alone does not join articles of different publishers. */
    a = art("https://other.example/story", "Other story", "Different.");
    assert_int_equal(put(f->st, &a, ofeed, "guid-1", id2), STORE_UPSERT_INSERTED);
    assert_string_not_equal(id1, id2);
    assert_int_equal(count_articles(f->st), 2);

    /* The canonical URL decides the id of a new article. */
    a = art("https://outlet.example/amp/2", "Two", "Two.");
    a.canonical_url = "https://outlet.example/news/2";
    assert_int_equal(put(f->st, &a, top, "guid-2", id2), STORE_UPSERT_INSERTED);
    assert_int_equal(url_article_id("https://outlet.example/news/2", want), HERALD_OK);
    assert_string_equal(id2, want);

    /* Snippet markers in the input never reach the index. */
    a = art("https://outlet.example/news/3", "Ma\x01rk", "te\x02xt");
    assert_int_equal(put(f->st, &a, top, "guid-3", id2), STORE_UPSERT_INSERTED);
    assert_int_equal(store_article_get(f->st, id2, &got), HERALD_OK);
    assert_string_equal(got.title, "Ma rk");
    assert_string_equal(got.text, "te xt");
    store_article_release(&got);

    /* Bad input. */
    a = art(NULL, "x", "y");
    assert_int_equal(store_article_upsert(f->st, &a, top, NULL, id2, NULL), HERALD_E_INVALID);
    a = art("::not a url::", "x", "y");
    assert_int_equal(store_article_upsert(f->st, &a, top, NULL, id2, NULL), HERALD_E_INVALID);
    a = art("https://outlet.example/news/9", "x", "y");
    assert_int_equal(store_article_upsert(f->st, &a, 777, NULL, id2, NULL), HERALD_E_NOTFOUND);
    assert_int_equal(store_article_lookup(f->st, top, "nope", "https://x.example/", NULL, id2),
                     HERALD_E_NOTFOUND);
    assert_int_equal(store_article_get(f->st, "0123456789abcdef0123456789abcdef", &got),
                     HERALD_E_NOTFOUND);
    assert_int_equal(store_article_get(f->st, "../etc/passwd", &got), HERALD_E_INVALID);
    check(f->st);

    /* Removing a feed keeps its articles. */
    assert_int_equal(store_feed_remove(f->st, top), HERALD_OK);
    assert_int_equal(store_article_get(f->st, id1, &got), HERALD_OK);
    assert_int_equal(got.feed_id, 0);
    store_article_release(&got);
    check(f->st);

    assert_int_equal(store_article_set_fingerprint(f->st, id1, "fp1"), HERALD_OK);
    assert_int_equal(store_article_set_story(f->st, id1, 7), HERALD_OK);
    assert_int_equal(store_article_get(f->st, id1, &got), HERALD_OK);
    assert_string_equal(got.fingerprint, "fp1");
    assert_int_equal(got.story_id, 7);
    store_article_release(&got);
    assert_int_equal(store_article_set_story(f->st, "0123456789abcdef0123456789abcdef", 1),
                     HERALD_E_NOTFOUND);
}

static void test_sort_time(void **state)
{
    struct fx *f = *state;
    char id[STORE_ID_LEN + 1];
    struct store_article a, got;
    /* A publication time in the future is clamped to first_seen; none means first_seen. */
    a = art("https://ex.org/future", "Future", "x");
    a.published = 9000;
    a.first_seen = 5000;
    put(f->st, &a, 0, NULL, id);
    assert_int_equal(store_article_get(f->st, id, &got), HERALD_OK);
    assert_int_equal(got.published, 9000);
    assert_int_equal(got.sort_time, 5000);
    assert_true(got.updated == TIME_NONE);
    store_article_release(&got);
    a = art("https://ex.org/undated", "Undated", "x");
    a.first_seen = 4000;
    put(f->st, &a, 0, NULL, id);
    assert_int_equal(store_article_get(f->st, id, &got), HERALD_OK);
    assert_true(got.published == TIME_NONE);
    assert_int_equal(got.sort_time, 4000);
    store_article_release(&got);
    check(f->st);
}

/* ---- transactions ------------------------------------------------------------------ */

static void test_tx(void **state)
{
    struct fx *f = *state;
    struct store_article a;
    struct store_stats s;
    struct store_feed_list l;
    int64_t v0, v1, v2, feed;
    char url[64], id[STORE_ID_LEN + 1];

    assert_int_equal(store_data_version(f->st, &v0), HERALD_OK);
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    assert_int_equal(store_tx_begin(f->st), HERALD_E_INVALID);
    feed = add_feed(f->st, "https://ex.org/feed", add_source(f->st, "Ex", NULL));
    for (int i = 0; i < 5; i++) {
        snprintf(url, sizeof(url), "https://ex.org/a/%d", i);
        a = art(url, "t", "x");
        put(f->st, &a, feed, NULL, NULL);
    }
    assert_int_equal(count_articles(f->st), 5); /* visible inside the transaction */
    assert_int_equal(store_tx_rollback(f->st), HERALD_OK);
    assert_int_equal(store_stats_get(f->st, &s), HERALD_OK);
    assert_int_equal(s.articles, 0);
    assert_int_equal(s.feeds, 0);
    assert_int_equal(s.sources, 0);
    assert_int_equal(store_data_version(f->st, &v1), HERALD_OK);
    assert_int_equal(v1, v0);
    assert_int_equal(store_tx_commit(f->st), HERALD_E_INVALID);
    assert_int_equal(store_tx_rollback(f->st), HERALD_OK);
    check(f->st);

    /* A failed write inside a transaction undoes only itself. */
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    feed = add_feed(f->st, "https://ex.org/feed", 0);
    a = art("https://ex.org/a/1", "t", "x");
    put(f->st, &a, feed, NULL, id);
    a = art("https://ex.org/a/2", "t", "x");
    assert_int_equal(store_article_upsert(f->st, &a, 4242, NULL, NULL, NULL), HERALD_E_NOTFOUND);
    assert_int_equal(store_tx_commit(f->st), HERALD_OK);
    assert_int_equal(count_articles(f->st), 1);
    assert_int_equal(store_feed_list(f->st, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    store_feed_list_release(&l);
    assert_int_equal(store_data_version(f->st, &v2), HERALD_OK);
    assert_true(v2 > v1);
    check(f->st);

    /* An UNCHANGED upsert writes nothing: the data version stays. */
    a = art("https://ex.org/a/1", "t", "x");
    assert_int_equal(put(f->st, &a, feed, NULL, id), STORE_UPSERT_UNCHANGED);
    assert_int_equal(store_data_version(f->st, &v1), HERALD_OK);
    assert_int_equal(v1, v2);
    a.title = "t2";
    assert_int_equal(put(f->st, &a, feed, NULL, id), STORE_UPSERT_UPDATED);
    assert_int_equal(store_data_version(f->st, &v1), HERALD_OK);
    assert_true(v1 > v2);

    /* Closing with an open transaction rolls it back. */
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    a = art("https://ex.org/a/9", "t", "x");
    put(f->st, &a, feed, NULL, NULL);
    store_close(f->st);
    assert_int_equal(store_open(f->path, 0, &f->st), HERALD_OK);
    assert_int_equal(count_articles(f->st), 1);
    check(f->st);
}

/* ---- keyset pagination ------------------------------------------------------------- */

#define NPAGE 57

static void test_keyset(void **state)
{
    struct fx *f = *state;
    int64_t src[2], feed[2];
    char url[64], seen[NPAGE][STORE_ID_LEN + 1];
    struct store_article_query q;
    struct store_article_list l;
    size_t total = 0;
    int64_t prev_t = INT64_MAX;
    char prev_id[STORE_ID_LEN + 1] = "~";
    int pages = 0;

    src[0] = add_source(f->st, "A", NULL);
    src[1] = add_source(f->st, "B", NULL);
    feed[0] = add_feed(f->st, "https://a.example/feed", src[0]);
    feed[1] = add_feed(f->st, "https://b.example/feed", src[1]);
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    for (int i = 0; i < NPAGE; i++) {
        struct store_article a;
        snprintf(url, sizeof(url), "https://%s.example/n/%d", i % 2 ? "b" : "a", i);
        a = art(url, "t", "x");
        a.first_seen = 100000;
        /* Many ties on purpose: pages must split them correctly by id. */
        a.published = i % 7 == 0 ? TIME_NONE : 1000 + (i / 3) * 10;
        a.language = i % 3 == 0 ? "de" : "en";
        put(f->st, &a, feed[i % 2], NULL, NULL);
    }
    assert_int_equal(store_tx_commit(f->st), HERALD_OK);

    store_article_query_init(&q);
    q.limit = 10;
    char cursor[STORE_CURSOR_MAX] = "";
    do {
        q.cursor = cursor;
        assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
        for (size_t i = 0; i < l.count; i++) {
            struct store_article *a = &l.items[i];
            assert_true(total < NPAGE);
            assert_true(a->sort_time < prev_t ||
                        (a->sort_time == prev_t && strcmp(a->id, prev_id) < 0));
            prev_t = a->sort_time;
            memcpy(prev_id, a->id, sizeof(prev_id));
            for (size_t j = 0; j < total; j++)
                assert_string_not_equal(seen[j], a->id);
            memcpy(seen[total++], a->id, STORE_ID_LEN + 1);
            assert_null(a->content_html); /* cards */
            assert_null(a->text);
            assert_non_null(a->source_name);
        }
        memcpy(cursor, l.next_cursor, sizeof(cursor));
        store_article_list_release(&l);
        pages++;
    } while (cursor[0]);
    assert_int_equal(total, NPAGE);
    assert_int_equal(pages, 6);

    /* Back with after = prev_cursor: the same pages (ties split the same way), the first
     * page's prev_cursor empty; and a page reached by after has the next_cursor of the
     * page it equals. */
    {
        char ids[6][10][STORE_ID_LEN + 1], nexts[6][STORE_CURSOR_MAX], prevs[6][STORE_CURSOR_MAX];
        size_t counts[6];
        int n = 0;
        cursor[0] = '\0';
        store_article_query_init(&q);
        q.limit = 10;
        do {
            q.cursor = cursor;
            assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
            assert_true(n < 6);
            counts[n] = l.count;
            for (size_t i = 0; i < l.count; i++)
                memcpy(ids[n][i], l.items[i].id, STORE_ID_LEN + 1);
            memcpy(nexts[n], l.next_cursor, STORE_CURSOR_MAX);
            memcpy(prevs[n], l.prev_cursor, STORE_CURSOR_MAX);
            assert_int_equal(prevs[n][0] != '\0', n > 0);
            memcpy(cursor, l.next_cursor, sizeof(cursor));
            store_article_list_release(&l);
            n++;
        } while (cursor[0]);
        for (int k = n - 1; k > 0; k--) {
            store_article_query_init(&q);
            q.limit = 10;
            q.after = prevs[k];
            assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
            assert_int_equal(l.count, counts[k - 1]);
            for (size_t i = 0; i < l.count; i++)
                assert_string_equal(l.items[i].id, ids[k - 1][i]);
            assert_string_equal(l.next_cursor, nexts[k - 1]);
            assert_string_equal(l.prev_cursor, prevs[k - 1]);
            store_article_list_release(&l);
        }
        /* nearer the top than a page: only the newer rows, nothing newer than them */
        store_article_query_init(&q);
        q.limit = 10;
        q.after = nexts[0];
        q.cursor = NULL;
        assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
        assert_int_equal(l.count, 9);
        assert_string_equal(l.items[0].id, ids[0][0]);
        assert_string_equal(l.prev_cursor, "");
        store_article_list_release(&l);
        /* both directions at once, or a malformed after: invalid */
        q.cursor = nexts[0];
        assert_int_equal(store_article_list(f->st, &q, &l), HERALD_E_INVALID);
        q.cursor = NULL;
        q.after = "12.zz";
        assert_int_equal(store_article_list(f->st, &q, &l), HERALD_E_INVALID);
    }

    /* The archive's languages with their counts, in tag order. */
    {
        struct store_language_list ll;
        assert_int_equal(store_languages(f->st, &ll), HERALD_OK);
        assert_int_equal(ll.count, 2);
        assert_string_equal(ll.items[0].language, "de");
        assert_int_equal(ll.items[0].count, (NPAGE + 2) / 3);
        assert_string_equal(ll.items[1].language, "en");
        assert_int_equal(ll.items[1].count, NPAGE - (NPAGE + 2) / 3);
        store_language_list_release(&ll);
    }

    /* Filters: source, language, time window. */
    store_article_query_init(&q);
    q.source_id = src[1];
    q.limit = 1000; /* clamped to STORE_LIST_MAX, still enough */
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, NPAGE / 2);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.items[i].source_id, src[1]);
    assert_string_equal(l.next_cursor, "");
    store_article_list_release(&l);

    store_article_query_init(&q);
    q.language = "de";
    q.feed_id = feed[0];
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 10); /* i in 0..56, i%3==0 and even: 0,6,...,54 */
    for (size_t i = 0; i < l.count; i++)
        assert_string_equal(l.items[i].language, "de");
    store_article_list_release(&l);

    store_article_query_init(&q);
    q.since = 1050;
    q.until = 1100;
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_true(l.count > 0);
    for (size_t i = 0; i < l.count; i++)
        assert_true(l.items[i].sort_time >= 1050 && l.items[i].sort_time < 1100);
    store_article_list_release(&l);

    store_article_query_init(&q);
    q.cursor = "12.nothex";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_E_INVALID);
    q.cursor = "'; DROP TABLE articles; --";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_E_INVALID);
    check(f->st);
}

/* ---- search ------------------------------------------------------------------------ */

static void search_fixture(store *st, int64_t *s1, int64_t *s2)
{
    int64_t f1, f2;
    struct store_article a;
    *s1 = add_source(st, "One", NULL);
    *s2 = add_source(st, "Two", NULL);
    f1 = add_feed(st, "https://one.example/feed", *s1);
    f2 = add_feed(st, "https://two.example/feed", *s2);
    a = art("https://one.example/1", "Elections in the valley",
            "Voters went to the polls on Sunday. Turnout was high.");
    a.published = 1000;
    put(st, &a, f1, NULL, NULL);
    a = art("https://two.example/1", "Harbour news",
            "The council discussed the election of a new harbour master.");
    a.published = 2000;
    put(st, &a, f2, NULL, NULL);
    a = art("https://two.example/2", "Weather", "Rain is expected over the hills tomorrow.");
    a.published = 3000;
    put(st, &a, f2, NULL, NULL);
    a = art("https://one.example/2", "Café reopens",
            "The café on the square reopened, "
            "serving electric-blue lemonade.");
    a.published = 4000;
    put(st, &a, f1, NULL, NULL);
}

static void test_search(void **state)
{
    struct fx *f = *state;
    struct store_search_query q;
    struct store_search_result r;
    int64_t s1, s2;
    search_fixture(f->st, &s1, &s2);

    store_search_query_init(&q);
    q.q = "election";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 2); /* stemming: "Elections" matches */
    /* The title hit outranks the text hit. */
    assert_string_equal(r.hits[0].article.url, "https://one.example/1");
    assert_non_null(strstr(r.hits[0].title_hl, "\x01"
                                               "Elections\x02"));
    assert_non_null(strstr(r.hits[1].snippet, "\x01"
                                              "election\x02"));
    assert_true(r.hits[0].score <= r.hits[1].score);
    assert_string_equal(r.hits[1].article.source_name, "Two");
    assert_string_equal(r.next_cursor, "");
    assert_int_equal(r.total, 2); /* fewer than a window: counted exactly */
    assert_int_equal(r.total_capped, 0);
    assert_int_equal(r.window_end, 0);
    store_search_result_release(&r);

    /* Filters. */
    q.source_id = s2;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.hits[0].article.source_id, s2);
    store_search_result_release(&r);
    q.source_id = 0;
    q.until = 1500;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.hits[0].article.published, 1000);
    store_search_result_release(&r);
    q.until = TIME_NONE;

    /* Newest first, and paging. */
    q.order = STORE_SEARCH_NEWEST;
    q.limit = 1;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.hits[0].article.published, 2000);
    assert_true(r.next_cursor[0] != '\0');
    assert_int_equal(r.total, 2);
    char cursor[STORE_CURSOR_MAX];
    snprintf(cursor, sizeof(cursor), "%s", r.next_cursor);
    store_search_result_release(&r);
    q.cursor = cursor;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.hits[0].article.published, 1000);
    assert_string_equal(r.next_cursor, "");
    assert_int_equal(r.total, 2); /* the first page's count, carried */
    store_search_result_release(&r);
    /* A cursor belongs to its order. */
    q.order = STORE_SEARCH_RELEVANCE;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_E_INVALID);
    q.cursor = NULL;

    /* Phrases, prefixes, OR, exclusion, diacritics. */
    store_search_query_init(&q);
    q.q = "\"harbour master\"";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    store_search_result_release(&r);
    q.q = "\"master harbour\"";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 0);
    store_search_result_release(&r);
    q.q = "elect*"; /* election, elections, electric */
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 3);
    store_search_result_release(&r);
    q.q = "rain OR turnout";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 2);
    store_search_result_release(&r);
    q.q = "election -harbour";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.hits[0].article.url, "https://one.example/1");
    store_search_result_release(&r);
    q.q = "cafe";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    store_search_result_release(&r);
    q.q = "electric-blue";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    store_search_result_release(&r);
    /* Typographic punctuation between words is not a term (it would match nothing). */
    q.q = "rain \xe2\x80\x94 hills \xe2\x80\xa6 \xc2\xab";
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    store_search_result_release(&r);
    q.q = "\xe2\x80\x9c"
          "election\xe2\x80\x9d"; /* “election” */
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 2);
    store_search_result_release(&r);
    q.q = "\xce\xb5\xce\xba\xce\xbb\xce\xbf\xce\xb3\xce\xad\xcf\x82"; /* Greek: a word, no hits */
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 0);
    store_search_result_release(&r);

    /* FTS5 syntax typed by a user is only text: never an error, never a crash. */
    static const char *const harmless[] = {
        "title:rain",
        "NEAR(rain hills)",
        "rain^",
        "(rain",
        "rain)",
        "{title}: x",
        "a:b:c",
        "rain AND hills",
        "'; DROP TABLE articles; --",
        "rain\\",
        "rain NOT hills",
        "- rain",
    };
    for (size_t i = 0; i < sizeof(harmless) / sizeof(harmless[0]); i++) {
        q.q = harmless[i];
        herald_status rc = store_search(f->st, &q, &r);
        if (rc)
            fail_msg("query <%s>: %s", harmless[i], store_errmsg(f->st));
        store_search_result_release(&r);
    }

    /* Malformed queries: HERALD_E_INVALID with a reason, the output untouched. */
    static const char *const bad[] = {
        "\"unbalanced",
        "OR",
        "rain OR",
        "OR rain",
        "-rain",
        "NOT rain",
        "*",
        "",
        "   ",
        "!!! ???",
        "\xe2\x80\x94 \xe2\x80\xa6",
        "\xff\xfe",
        "\\",
        "rain OR OR hills",
        "rain NOT",
        "rain AND",
        "rain OR -hills",
        "ra*",             /* a prefix needs 3 characters */
        "\"the ha\"*",     /* likewise the last word of a phrase prefix */
        "rai* hil* elec*", /* at most 2 prefixes */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        memset(&r, 0x5a, sizeof(r));
        q.q = bad[i];
        herald_status rc = store_search(f->st, &q, &r);
        if (rc != HERALD_E_INVALID)
            fail_msg("query <%s> gave %s", bad[i], herald_strerror(rc));
        assert_true(strlen(store_errmsg(f->st)) > 0);
        assert_int_equal(r.count, 0x5a5a5a5a5a5a5a5aULL);
    }
    char longq[STORE_QUERY_MAX + 2];
    memset(longq, 'a', sizeof(longq) - 1);
    longq[sizeof(longq) - 1] = '\0';
    q.q = longq;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_E_INVALID);
    q.q = "rain";
    /* Malformed cursors. */
    static const char *const bad_cursor[] = {
        "x",           "1",
        "1.5",         "2.5.0",
        "1.0.0",       "1.5.-2",
        "1.5.6.0.5.0", "1.5.2.0.9.0",
        "1.5.2.0.5",   "1..5.0",
        "1.5.0.",      "1.5.0.0.0.0.0",
        "3.5.0",       "1.99999999999999999999.0",
        " 1.5.0",      "1.5.0 ",
    };
    for (size_t i = 0; i < sizeof(bad_cursor) / sizeof(bad_cursor[0]); i++) {
        q.cursor = bad_cursor[i];
        if (store_search(f->st, &q, &r) != HERALD_E_INVALID)
            fail_msg("cursor <%s> accepted", bad_cursor[i]);
    }
    q.cursor = "1.5.0"; /* well-formed: the window of rowids <= 5 */
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    store_search_result_release(&r);
    check(f->st);
}

/* Random queries built from syntax pieces: each one either runs or is refused as
 * HERALD_E_INVALID with a message; never another error, never a crash (ASan/UBSan). */
static void test_search_random(void **state)
{
    struct fx *f = *state;
    static const char *const pieces[] = {
        "rain",
        "hills",
        "\"",
        "*",
        "-",
        "OR",
        "AND",
        "NOT",
        "(",
        ")",
        ":",
        "^",
        "NEAR",
        "title:",
        "{",
        "}",
        "+",
        "'",
        "\\",
        ";",
        "elect*",
        "\"a b\"",
        "\xe2\x80\x94",
        "\xc3\xa9t\xc3\xa9",
        "\xff",
        "\x01",
        "\x02",
        " ",
        " ",
        " ",
        "0",
        "%",
        "_",
    };
    uint64_t x = 0x2545f4914f6cdd1dULL;
    int64_t s1, s2;
    search_fixture(f->st, &s1, &s2);
    for (int i = 0; i < 3000; i++) {
        char qbuf[256];
        size_t n = 0;
        int parts;
        struct store_search_query q;
        struct store_search_result r;
        herald_status rc;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        parts = 1 + (int)(x % 8);
        qbuf[0] = '\0';
        for (int k = 0; k < parts; k++) {
            const char *p;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            p = pieces[x % (sizeof(pieces) / sizeof(pieces[0]))];
            if (n + strlen(p) + 2 >= sizeof(qbuf))
                break;
            n += (size_t)snprintf(qbuf + n, sizeof(qbuf) - n, "%s%s", p, (x >> 20) % 2 ? " " : "");
        }
        store_search_query_init(&q);
        q.q = qbuf;
        q.order = (x >> 30) % 2 ? STORE_SEARCH_NEWEST : STORE_SEARCH_RELEVANCE;
        rc = store_search(f->st, &q, &r);
        if (rc == HERALD_OK) {
            for (size_t h = 0; h < r.count; h++) {
                assert_non_null(r.hits[h].snippet);
                assert_non_null(r.hits[h].title_hl);
            }
            store_search_result_release(&r);
        } else if (rc != HERALD_E_INVALID || !*store_errmsg(f->st) ||
                   strstr(store_errmsg(f->st), "could not be understood")) {
            /* (that message means the store produced invalid FTS5 syntax itself) */
            fail_msg("query <%s>: %s (%s)", qbuf, herald_strerror(rc), store_errmsg(f->st));
        }
    }
    check(f->st);
}

/* Follows next_cursor from the first page to the last, counting how often each of the
 * 40 articles (first_seen 1000..1039) appears; returns the pages read.  In date order,
 * checks that each window's pages run strictly newest first. */
static int search_all_pages(store *st, struct store_search_query *q, int seen[40], int *window_ends)
{
    struct store_search_result r;
    char cursor[STORE_CURSOR_MAX] = "";
    int pages = 0;
    int64_t last = INT64_MAX;
    *window_ends = 0;
    do {
        q->cursor = cursor;
        assert_int_equal(store_search(st, q, &r), HERALD_OK);
        pages++;
        assert_true(pages < 200);
        for (size_t i = 0; i < r.count; i++) {
            int64_t t = r.hits[i].article.first_seen;
            assert_true(t >= 1000 && t < 1040);
            seen[t - 1000]++;
            if (q->order == STORE_SEARCH_NEWEST) {
                assert_true(t < last);
                last = t;
            } else if (i > 0) {
                assert_true(r.hits[i - 1].score <= r.hits[i].score);
            }
        }
        if (r.window_end) {
            (*window_ends)++;
            last = INT64_MAX;
        }
        snprintf(cursor, sizeof(cursor), "%s", r.next_cursor);
        store_search_result_release(&r);
    } while (cursor[0]);
    q->cursor = NULL;
    return pages;
}

/* Windows: ranking is bounded to the newest window of matches, pages continue inside it
 * and then into older windows; every match is reached exactly once, in either order. */
static void test_search_windows(void **state)
{
    struct fx *f = *state;
    struct store_search_query q;
    struct store_search_result r;
    char url[64], text[160];
    int seen[40], ends;
    int64_t feed = add_feed(f->st, "https://ex.org/feed", 0);

    assert_int_equal(store_sqlite_tune_search(f->st, 10, 1000), HERALD_OK);
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    for (int i = 0; i < 40; i++) {
        struct store_article a;
        snprintf(url, sizeof(url), "https://ex.org/n/%d", i);
        /* "common" once or three times; the rare marmot in 3 articles */
        snprintf(text, sizeof(text), "common words here%s%s", i % 4 == 1 ? " common common" : "",
                 i < 3 ? " and a rare marmot" : "");
        a = art(url, "t", text);
        a.first_seen = 1000 + i;
        put(f->st, &a, feed, NULL, NULL);
    }
    assert_int_equal(store_tx_commit(f->st), HERALD_OK);

    store_search_query_init(&q);
    q.q = "common";
    q.limit = 100;
    /* The first page ranks the newest 10 matches only, then hands over. */
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 10);
    for (size_t i = 0; i < r.count; i++)
        assert_true(r.hits[i].article.first_seen >= 1030);
    /* more occurrences rank first: 1037, 1033 (i % 4 == 1) lead */
    assert_int_equal(r.hits[0].article.first_seen, 1037);
    assert_int_equal(r.hits[1].article.first_seen, 1033);
    assert_int_equal(r.total, 10);
    assert_int_equal(r.total_capped, 1);
    assert_int_equal(r.window_end, 1);
    assert_true(r.next_cursor[0] != '\0');
    store_search_result_release(&r);

    /* Every match exactly once, 3 per page, in both orders. */
    for (int order = 0; order < 2; order++) {
        q.order = order ? STORE_SEARCH_NEWEST : STORE_SEARCH_RELEVANCE;
        q.limit = 3;
        memset(seen, 0, sizeof(seen));
        int pages = search_all_pages(f->st, &q, seen, &ends);
        for (int i = 0; i < 40; i++)
            assert_int_equal(seen[i], 1);
        assert_int_equal(ends, 3); /* windows of 10: 4 windows, 3 hand-overs */
        assert_int_equal(pages, 16);
    }

    /* Fewer matches than a window: one window, ranked whole, counted exactly. */
    q.q = "marmot";
    q.order = STORE_SEARCH_RELEVANCE;
    q.limit = 100;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 3);
    assert_int_equal(r.total, 3);
    assert_int_equal(r.total_capped, 0);
    assert_string_equal(r.next_cursor, "");
    store_search_result_release(&r);
    /* sort=date over one window is the global date order */
    q.order = STORE_SEARCH_NEWEST;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 3);
    assert_int_equal(r.hits[0].article.first_seen, 1002);
    assert_int_equal(r.hits[2].article.first_seen, 1000);
    store_search_result_release(&r);

    /* Articles arriving later never enter an opened window. */
    q.q = "common";
    q.limit = 5;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    char cursor[STORE_CURSOR_MAX];
    snprintf(cursor, sizeof(cursor), "%s", r.next_cursor);
    store_search_result_release(&r);
    {
        struct store_article a = art("https://ex.org/n/late", "t", "common late");
        a.first_seen = 2000;
        put(f->st, &a, feed, NULL, NULL);
    }
    q.cursor = cursor;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 5);
    for (size_t i = 0; i < r.count; i++)
        assert_true(r.hits[i].article.first_seen < 2000);
    store_search_result_release(&r);
    check(f->st);
}

/* The work cap: a window visits at most the tuned number of matches through the filters;
 * the page is short and honest, and the windows after it still reach every match. */
static void test_search_work_cap(void **state)
{
    struct fx *f = *state;
    struct store_search_query q;
    struct store_search_result r;
    char url[64];
    int seen[40], ends;
    int64_t feed = add_feed(f->st, "https://ex.org/feed", 0);

    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    for (int i = 0; i < 40; i++) {
        struct store_article a;
        snprintf(url, sizeof(url), "https://ex.org/n/%d", i);
        a = art(url, "t", "common words here");
        a.first_seen = 1000 + i;
        a.language = i % 10 == 0 ? "de" : "en"; /* a filter 4 of 40 pass */
        put(f->st, &a, feed, NULL, NULL);
    }
    assert_int_equal(store_tx_commit(f->st), HERALD_OK);
    assert_int_equal(store_sqlite_tune_search(f->st, 100, 10), HERALD_OK);

    store_search_query_init(&q);
    q.q = "common";
    q.language = "de";
    q.limit = 20;
    /* Only the newest 10 matches are visited (the filter runs after the visit): one passes
     * (1030), and the page says older results follow. */
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.hits[0].article.first_seen, 1030);
    assert_int_equal(r.total_capped, 1);
    assert_int_equal(r.window_end, 1);
    store_search_result_release(&r);
    for (int order = 0; order < 2; order++) {
        q.order = order ? STORE_SEARCH_NEWEST : STORE_SEARCH_RELEVANCE;
        memset(seen, 0, sizeof(seen));
        int pages = search_all_pages(f->st, &q, seen, &ends);
        for (int i = 0; i < 40; i++)
            assert_int_equal(seen[i], i % 10 == 0 ? 1 : 0);
        assert_int_equal(pages, 4); /* 40 matches, 10 visits a window */
    }
    /* Without the filter nothing is rejected: the window fills before the cap. */
    assert_int_equal(store_sqlite_tune_search(f->st, 5, 7), HERALD_OK);
    q.language = NULL;
    q.order = STORE_SEARCH_RELEVANCE;
    assert_int_equal(store_search(f->st, &q, &r), HERALD_OK);
    assert_int_equal(r.count, 5);
    store_search_result_release(&r);
    check(f->st);
}

/* ---- related ----------------------------------------------------------------------- */

static void test_related(void **state)
{
    struct fx *f = *state;
    int64_t src[5], feed[5];
    char ids[8][STORE_ID_LEN + 1], url[64], name[16];
    struct store_article a;
    struct store_article_list l;
    const char *volcano = "The volcano near Grindavik erupted overnight, sending lava "
                          "fountains across the Reykjanes peninsula. Residents were "
                          "evacuated as magma flowed toward the geothermal plant.";

    for (int i = 0; i < 5; i++) {
        snprintf(name, sizeof(name), "S%d", i);
        snprintf(url, sizeof(url), "https://s%d.example/feed", i);
        src[i] = add_source(f->st, name, NULL);
        feed[i] = add_feed(f->st, url, src[i]);
    }
    /* filler so that idf means something */
    for (int i = 0; i < 30; i++) {
        snprintf(url, sizeof(url), "https://s4.example/filler/%d", i);
        a = art(url, i % 2 ? "Council budget approved" : "Football results of the weekend",
                i % 2 ? "The council approved the budget for schools and roads."
                      : "The home team won the match after a late goal.");
        a.published = 100 + i;
        put(f->st, &a, feed[4], NULL, NULL);
    }
    /* 0: the article. */
    a = art("https://s0.example/volcano", "Volcano erupts near Grindavik", volcano);
    a.published = 5000;
    a.fingerprint = "fp-volcano";
    put(f->st, &a, feed[0], NULL, ids[0]);
    /* 1: another outlet's own report: related. */
    a = art("https://s1.example/eruption", "Lava reaches Reykjanes road",
            "Lava from the Grindavik eruption crossed the road on the Reykjanes peninsula; "
            "the geothermal plant was shut down while magma kept flowing.");
    a.published = 5100;
    put(f->st, &a, feed[1], NULL, ids[1]);
    /* 2: a wire copy with the same title from another outlet: a copy, excluded. */
    a = art("https://s2.example/wire/volcano", "Volcano erupts near Grindavik", volcano);
    a.published = 5050;
    put(f->st, &a, feed[2], NULL, ids[2]);
    /* 3: same fingerprint, edited title: a copy, excluded. */
    a = art("https://s3.example/volcano", "Volcano erupts overnight near Grindavik", volcano);
    a.published = 5060;
    a.fingerprint = "fp-volcano";
    put(f->st, &a, feed[3], NULL, ids[3]);
    /* 4: the same source's follow-up: same source, excluded. */
    a = art("https://s0.example/volcano-2", "Grindavik eruption: day two",
            "Lava fountains on the Reykjanes peninsula weakened; magma still flows.");
    a.published = 5200;
    put(f->st, &a, feed[0], NULL, ids[4]);
    /* 5: a third outlet, weaker match: related, ranked after 1. */
    a = art("https://s3.example/geo", "Geothermal plant inspected",
            "Engineers inspected the geothermal plant near Grindavik.");
    a.published = 4000;
    put(f->st, &a, feed[3], NULL, ids[5]);
    /* 6: unrelated, other outlet. */
    a = art("https://s1.example/rain", "Rain for the weekend", "Rain is expected.");
    put(f->st, &a, feed[1], NULL, ids[6]);

    assert_int_equal(store_related(f->st, ids[0], 6, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].id, ids[1]);
    assert_string_equal(l.items[1].id, ids[5]);
    for (size_t i = 0; i < l.count; i++) {
        assert_int_not_equal(l.items[i].source_id, src[0]);
        assert_null(l.items[i].text);
    }
    assert_string_equal(l.next_cursor, "");
    store_article_list_release(&l);

    assert_int_equal(store_related(f->st, ids[0], 1, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    store_article_list_release(&l);

    /* From the other side: the copies (2 and 3) are related to 1, but only one per title. */
    assert_int_equal(store_related(f->st, ids[1], 10, &l), HERALD_OK);
    assert_true(l.count >= 2);
    for (size_t i = 0; i < l.count; i++) {
        assert_string_not_equal(l.items[i].id, ids[1]);
        assert_int_not_equal(l.items[i].source_id, src[1]);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(l.items[i].title, l.items[j].title);
    }
    store_article_list_release(&l);

    /* An article without distinctive words has no related articles, and that is fine. */
    assert_int_equal(store_related(f->st, ids[6], 6, &l), HERALD_OK);
    assert_int_equal(l.count, 0);
    store_article_list_release(&l);
    /* A new story's name: no other article has it yet, then one arrives.  The same handle
     * must see it (small document frequencies are never cached). */
    a = art("https://s2.example/zorblat", "Zorblat festival opens",
            "The Zorblat festival "
            "opened in Vardenfell.");
    put(f->st, &a, feed[2], NULL, ids[7]);
    assert_int_equal(store_related(f->st, ids[7], 6, &l), HERALD_OK);
    assert_int_equal(l.count, 0);
    store_article_list_release(&l);
    a = art("https://s3.example/zorblat", "Crowds at Zorblat", "Vardenfell crowds at Zorblat.");
    put(f->st, &a, feed[3], NULL, NULL);
    assert_int_equal(store_related(f->st, ids[7], 6, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].url, "https://s3.example/zorblat");
    store_article_list_release(&l);

    assert_int_equal(store_related(f->st, "0123456789abcdef0123456789abcdef", 6, &l),
                     HERALD_E_NOTFOUND);
    assert_int_equal(store_related(f->st, "xyz", 6, &l), HERALD_E_INVALID);
    check(f->st);
}

/* Cards by a list of ids (the order given, unknown and malformed ids skipped, never the
 * text or HTML) and stored related lists (put, get, replace, missing, validation). */
static void test_cards_and_related_lists(void **state)
{
    struct fx *f = *state;
    int64_t src = add_source(f->st, "Card Times", "https://cards.example/");
    int64_t feed = add_feed(f->st, "https://cards.example/feed.xml", src), story = 0;
    char ids[3][STORE_ID_LEN + 1], url[64], (*miss)[STORE_ID_LEN + 1];
    struct store_related_entry in[3], e[STORE_RELATED_LIST_MAX];
    struct store_article a, full;
    struct store_article_list l;
    const char *q[STORE_LIST_MAX + 1];
    struct strbuf text = STRBUF_INIT;
    size_t n = 0;
    int found;

    /* long texts: the row's tail (word_count, story_id, copy_of) sits past overflow pages */
    for (int i = 0; i < 3000; i++)
        strbuf_addf(&text, "word%d ", i);
    for (int i = 0; i < 3; i++) {
        snprintf(url, sizeof(url), "https://cards.example/a%d", i);
        a = art(url, i == 1 ? "The second card" : "A card", text.buf);
        a.summary = "A summary.";
        a.image_url = i == 0 ? "https://cards.example/i.jpg" : NULL;
        a.published = 1000 + i;
        a.word_count = 3000 + i;
        put(f->st, &a, feed, NULL, ids[i]);
    }
    assert_int_equal(store_story_create(f->st, 1000, &story), HERALD_OK);
    assert_int_equal(store_article_set_story(f->st, ids[1], story), HERALD_OK);
    assert_int_equal(store_article_set_copy_of(f->st, ids[2], ids[0]), HERALD_OK);

    q[0] = ids[2];
    q[1] = "not an id";
    q[2] = ids[0];
    q[3] = "0123456789abcdef0123456789abcdef";
    q[4] = ids[1];
    assert_int_equal(store_article_cards(f->st, q, 5, &l), HERALD_OK);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].id, ids[2]);
    assert_string_equal(l.items[1].id, ids[0]);
    assert_string_equal(l.items[2].id, ids[1]);
    for (size_t i = 0; i < l.count; i++) {
        store_article_init(&full);
        assert_int_equal(store_article_get(f->st, l.items[i].id, &full), HERALD_OK);
        assert_null(l.items[i].text);
        assert_null(l.items[i].content_html);
        assert_null(l.items[i].fingerprint);
        assert_string_equal(l.items[i].title, full.title);
        assert_string_equal(l.items[i].url, full.url);
        assert_string_equal(l.items[i].summary, "A summary.");
        assert_string_equal(l.items[i].source_name, "Card Times");
        assert_int_equal(l.items[i].source_id, src);
        assert_int_equal(l.items[i].published, full.published);
        assert_int_equal(l.items[i].sort_time, full.sort_time);
        assert_int_equal(l.items[i].word_count, full.word_count);
        assert_int_equal(l.items[i].story_id, full.story_id);
        assert_true((l.items[i].copy_of == NULL) == (full.copy_of == NULL));
        assert_true((l.items[i].image_url == NULL) == (full.image_url == NULL));
        store_article_release(&full);
    }
    assert_int_equal(l.items[2].story_id, story);
    assert_int_equal(l.items[2].word_count, 3001);
    assert_string_equal(l.items[0].copy_of, ids[0]);
    assert_string_equal(l.next_cursor, "");
    store_article_list_release(&l);
    /* links: the same articles in the same order, only what a related list shows */
    assert_int_equal(store_article_links(f->st, q, 5, &l), HERALD_OK);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].id, ids[2]);
    assert_string_equal(l.items[1].id, ids[0]);
    assert_string_equal(l.items[2].id, ids[1]);
    for (size_t i = 0; i < l.count; i++) {
        store_article_init(&full);
        assert_int_equal(store_article_get(f->st, l.items[i].id, &full), HERALD_OK);
        assert_string_equal(l.items[i].title, full.title);
        assert_string_equal(l.items[i].url, full.url);
        assert_string_equal(l.items[i].summary, "A summary.");
        assert_string_equal(l.items[i].source_name, "Card Times");
        assert_int_equal(l.items[i].source_id, src);
        assert_int_equal(l.items[i].sort_time, full.sort_time);
        assert_null(l.items[i].text);
        assert_null(l.items[i].image_url);
        assert_int_equal(l.items[i].word_count, 0);
        assert_int_equal(l.items[i].story_id, 0);
        store_article_release(&full);
    }
    store_article_list_release(&l);
    assert_int_equal(store_article_links(f->st, q, STORE_LIST_MAX + 1, &l), HERALD_E_INVALID);
    assert_int_equal(store_article_cards(f->st, q, 0, &l), HERALD_OK);
    assert_int_equal(l.count, 0);
    store_article_list_release(&l);
    for (size_t i = 0; i <= STORE_LIST_MAX; i++)
        q[i] = ids[0];
    assert_int_equal(store_article_cards(f->st, q, STORE_LIST_MAX + 1, &l), HERALD_E_INVALID);

    /* related lists: none until one is stored; then exactly it, in order */
    assert_int_equal(store_article_related_get(f->st, ids[0], e, STORE_RELATED_LIST_MAX, &n),
                     HERALD_E_NOTFOUND);
    memcpy(in[0].id, ids[1], sizeof(in[0].id));
    in[0].reason = STORE_RELATED_SAME_STORY;
    memcpy(in[1].id, "0123456789abcdef0123456789abcdef", sizeof(in[1].id));
    in[1].reason = STORE_RELATED_SHARED_TERMS;
    memcpy(in[2].id, ids[2], sizeof(in[2].id));
    in[2].reason = STORE_RELATED_NEAR_COPY;
    assert_int_equal(store_article_related_put(f->st, ids[0], in, 3), HERALD_OK);
    assert_int_equal(store_article_related_get(f->st, ids[0], e, STORE_RELATED_LIST_MAX, &n),
                     HERALD_OK);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(e[i].id, in[i].id);
        assert_int_equal(e[i].reason, in[i].reason);
    }
    assert_string_equal(store_related_reason_name(e[0].reason), "same_story");
    assert_string_equal(store_related_reason_name(e[1].reason), "shared_terms");
    assert_string_equal(store_related_reason_name(e[2].reason), "near_copy");
    /* max bounds what is read */
    assert_int_equal(store_article_related_get(f->st, ids[0], e, 2, &n), HERALD_OK);
    assert_int_equal(n, 2);
    /* replaced whole; an empty list is a list */
    assert_int_equal(store_article_related_put(f->st, ids[0], in + 2, 1), HERALD_OK);
    assert_int_equal(store_article_related_get(f->st, ids[0], e, STORE_RELATED_LIST_MAX, &n),
                     HERALD_OK);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].id, ids[2]);
    assert_int_equal(store_article_related_put(f->st, ids[1], NULL, 0), HERALD_OK);
    assert_int_equal(store_article_related_get(f->st, ids[1], e, STORE_RELATED_LIST_MAX, &n),
                     HERALD_OK);
    assert_int_equal(n, 0);
    /* the backfill's walk: ids[2] still has none, 0 and 1 have theirs */
    miss = calloc(1000, sizeof(*miss));
    assert_non_null(miss);
    assert_int_equal(store_article_related_missing(f->st, "", 1000, miss, &n), HERALD_OK);
    found = 0;
    for (size_t i = 0; i < n; i++) {
        assert_string_not_equal(miss[i], ids[0]);
        assert_string_not_equal(miss[i], ids[1]);
        found += strcmp(miss[i], ids[2]) == 0;
        if (i)
            assert_true(strcmp(miss[i - 1], miss[i]) < 0);
    }
    assert_int_equal(found, 1);
    free(miss);
    /* refused: a bad reason, a bad id, too many, an unknown article */
    in[0].reason = 0;
    assert_int_equal(store_article_related_put(f->st, ids[2], in, 1), HERALD_E_INVALID);
    in[0].reason = STORE_RELATED_SAME_STORY;
    memcpy(in[0].id, "zz", 3);
    assert_int_equal(store_article_related_put(f->st, ids[2], in, 1), HERALD_E_INVALID);
    assert_int_equal(store_article_related_put(f->st, ids[2], e, STORE_RELATED_LIST_MAX + 1),
                     HERALD_E_INVALID);
    assert_int_equal(
        store_article_related_put(f->st, "0123456789abcdef0123456789abcdef", in + 2, 1),
        HERALD_E_NOTFOUND);
    assert_int_equal(store_article_related_get(f->st, "nothex", e, 1, &n), HERALD_E_INVALID);
    strbuf_release(&text);
    check(f->st);
}

static void test_file_urls_and_bounds(void **state)
{
    struct fx *f = *state;
    int64_t feed = add_feed(f->st, "file:///srv/demo/outlet/feed.xml", 0);
    char id1[STORE_ID_LEN + 1], id2[STORE_ID_LEN + 1];
    struct store_article a = art("file:///srv/demo/outlet/a.html", "A", "text");
    struct store_feed fd;
    char *big;

    store_feed_init(&fd);
    fd.url = "file:///srv/demo/outlet/feed.xml#x";
    assert_int_equal(store_feed_add(f->st, &fd, &feed), HERALD_E_EXISTS);
    assert_int_equal(put(f->st, &a, feed, "a", id1), STORE_UPSERT_INSERTED);
    assert_int_equal(put(f->st, &a, feed, NULL, id2), STORE_UPSERT_UNCHANGED);
    assert_string_equal(id1, id2);

    big = xmalloc(STORE_FIELD_MAX + 2);
    memset(big, 'x', STORE_FIELD_MAX + 1);
    big[STORE_FIELD_MAX + 1] = '\0';
    a.text = big;
    assert_int_equal(store_article_upsert(f->st, &a, feed, NULL, id2, NULL), HERALD_E_TOOBIG);
    a.text = "text";
    assert_int_equal(store_article_upsert(f->st, &a, feed, big, id2, NULL), HERALD_E_TOOBIG);
    free(big);
    assert_int_equal(count_articles(f->st), 1);
    check(f->st);
}

/* A value SQLite refuses to bind (over its length limit, here lowered below the store's
 * own caps) fails the write with a message; it is never stored as NULL in its place. */
static void test_failed_bind_fails_the_write(void **state)
{
    struct fx *f = *state;
    int64_t feed = add_feed(f->st, "https://bind.example/feed", 0);
    struct store_article a = art("https://bind.example/a", "A title", "short text");
    struct store_article got;
    char id[STORE_ID_LEN + 1];
    char *big = xmalloc(4001);
    memset(big, 'w', 4000);
    big[4000] = '\0';

    assert_int_equal(store_sqlite_limit_length(f->st, 2000), HERALD_OK);
    a.authors = big;
    assert_int_equal(store_article_upsert(f->st, &a, feed, NULL, id, NULL), HERALD_E_DB);
    assert_non_null(strstr(store_errmsg(f->st), "too big"));
    assert_int_equal(count_articles(f->st), 0);
    /* the handle is usable afterwards: the next statement binds and runs normally */
    a.authors = "An Author";
    assert_int_equal(put(f->st, &a, feed, NULL, id), STORE_UPSERT_INSERTED);
    store_article_init(&got);
    assert_int_equal(store_article_get(f->st, id, &got), HERALD_OK);
    assert_string_equal(got.authors, "An Author");
    store_article_release(&got);
    free(big);
    check(f->st);
}

/* A reader handle keeps working while the writer writes, and a read snapshot does not
 * see a commit made after it began (WAL). */
static void test_reader_during_write(void **state)
{
    struct fx *f = *state;
    store *ro = NULL;
    int64_t feed = add_feed(f->st, "https://ex.org/feed", 0);
    struct store_article a = art("https://ex.org/1", "one", "x");
    int64_t v1, v2;

    put(f->st, &a, feed, NULL, NULL);
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro), HERALD_OK);
    assert_int_equal(store_tx_begin(ro), HERALD_OK);
    assert_int_equal(count_articles(ro), 1);
    assert_int_equal(store_data_version(ro, &v1), HERALD_OK);

    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    a = art("https://ex.org/2", "two", "x");
    put(f->st, &a, feed, NULL, NULL);
    assert_int_equal(count_articles(ro), 1); /* not blocked, not dirty */
    assert_int_equal(store_tx_commit(f->st), HERALD_OK);
    assert_int_equal(count_articles(ro), 1); /* its snapshot */
    assert_int_equal(store_tx_commit(ro), HERALD_OK);

    assert_int_equal(count_articles(ro), 2);
    assert_int_equal(store_data_version(ro, &v2), HERALD_OK);
    assert_true(v2 > v1);
    check(ro);
    store_close(ro);
}

/* store_check() notices broken invariants.  (The damage is done behind the store's back
 * with raw SQLite, as a bug or a foreign tool would.) */
static void tamper(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *err = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("tamper: %s", err);
    sqlite3_close(db);
}

static void test_check_detects(void **state)
{
    struct fx *f = *state;
    struct store_article a = art("https://ex.org/1", "hello", "body words");
    put(f->st, &a, 0, NULL, NULL);
    a = art("https://ex.org/2", "hello again", "more words");
    put(f->st, &a, 0, NULL, NULL);
    check(f->st);
    tamper(f->path, "DROP TRIGGER articles_fts_au; UPDATE articles SET text = 'changed'"
                    " WHERE url = 'https://ex.org/1'");
    assert_int_equal(store_check(f->st), HERALD_E_DB);
    assert_non_null(strstr(store_errmsg(f->st), "full-text"));
    tamper(f->path, "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
                    "UPDATE articles SET url_key = 'https://ex.org/1'");
    assert_int_equal(store_check(f->st), HERALD_E_DB);
    assert_non_null(strstr(store_errmsg(f->st), "normalised URL"));
    tamper(f->path, "UPDATE articles SET url_key = url; UPDATE articles SET sort_time = 1");
    assert_int_equal(store_check(f->st), HERALD_E_DB);
    assert_non_null(strstr(store_errmsg(f->st), "sort times"));
}

/* The server's shape: one writer thread, reader threads with a read-only handle each.
 * No call may fail (no SQLITE_BUSY leaking out), and readers see counts only grow. */
struct rt_arg {
    const char *path;
    atomic_int *done;
    int failures;
    int64_t reads;
};

static void *reader_thread(void *p)
{
    struct rt_arg *a = p;
    store *st = NULL;
    int64_t last = 0;
    if (store_open(a->path, STORE_READONLY, &st) != HERALD_OK) {
        a->failures++;
        return NULL;
    }
    while (!atomic_load(a->done) || a->reads < 5) {
        struct store_article_query q;
        struct store_article_list l;
        struct store_search_query sq;
        struct store_search_result r;
        struct store_stats s;
        int64_t v;
        store_article_query_init(&q);
        if (store_article_list(st, &q, &l) != HERALD_OK)
            a->failures++;
        else
            store_article_list_release(&l);
        store_search_query_init(&sq);
        sq.q = "harvest";
        if (store_search(st, &sq, &r) != HERALD_OK)
            a->failures++;
        else
            store_search_result_release(&r);
        if (store_data_version(st, &v) != HERALD_OK || store_stats_get(st, &s) != HERALD_OK)
            a->failures++;
        else if (s.articles < last)
            a->failures++;
        else
            last = s.articles;
        a->reads++;
    }
    store_close(st);
    return NULL;
}

static void test_threads(void **state)
{
    struct fx *f = *state;
    atomic_int done = 0;
    struct rt_arg args[3];
    pthread_t th[3];
    int64_t feed = add_feed(f->st, "https://ex.org/feed", 0);
    char url[64];

    for (int i = 0; i < 3; i++) {
        args[i].path = f->path;
        args[i].done = &done;
        args[i].failures = 0;
        args[i].reads = 0;
        assert_int_equal(pthread_create(&th[i], NULL, reader_thread, &args[i]), 0);
    }
    for (int t = 0; t < 30; t++) {
        assert_int_equal(store_tx_begin(f->st), HERALD_OK);
        for (int i = 0; i < 10; i++) {
            struct store_article a;
            snprintf(url, sizeof(url), "https://ex.org/n/%d", t * 10 + i);
            a = art(url, "Harvest report", "The harvest was good this year in the valley.");
            put(f->st, &a, feed, NULL, NULL);
        }
        assert_int_equal(store_tx_commit(f->st), HERALD_OK);
    }
    atomic_store(&done, 1);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(args[i].failures, 0);
        assert_true(args[i].reads >= 5);
    }
    assert_int_equal(count_articles(f->st), 300);
    check(f->st);
}

static void test_stats(void **state)
{
    struct fx *f = *state;
    struct store_stats s;
    struct store_feed_poll p;
    struct store_article a = art("https://ex.org/1", "t", "x");
    int64_t feed = add_feed(f->st, "https://ex.org/feed", add_source(f->st, "Ex", NULL));
    a.first_seen = 777;
    a.published = 700;
    put(f->st, &a, feed, NULL, NULL);
    memset(&p, 0, sizeof(p));
    p.polled_at = 800;
    p.error = "timeout";
    p.consecutive_errors = 2;
    assert_int_equal(store_feed_poll_update(f->st, feed, &p), HERALD_OK);
    assert_int_equal(store_stats_get(f->st, &s), HERALD_OK);
    assert_int_equal(s.articles, 1);
    assert_int_equal(s.sources, 1);
    assert_int_equal(s.feeds, 1);
    assert_int_equal(s.feeds_failing, 1);
    assert_int_equal(s.last_ingest, 777);
    assert_int_equal(s.last_poll, 800);
    assert_int_equal(s.newest_article, 700);
    check(f->st);
}

/* ---- bulk loading ------------------------------------------------------------------ */

static int64_t search_count(store *st, const char *query)
{
    struct store_search_query q;
    struct store_search_result r;
    int64_t n;
    store_search_query_init(&q);
    q.q = query;
    q.limit = 100;
    if (store_search(st, &q, &r) != HERALD_OK)
        fail_msg("search %s: %s", query, store_errmsg(st));
    n = (int64_t)r.count;
    store_search_result_release(&r);
    return n;
}

static void put_lighthouses(store *st, int64_t feed, int from, int to)
{
    char url[64], text[96];
    assert_int_equal(store_tx_begin(st), HERALD_OK);
    for (int i = from; i < to; i++) {
        struct store_article a;
        snprintf(url, sizeof(url), "https://ex.org/light/%d", i);
        snprintf(text, sizeof(text), "The lighthouse keeper number %d lit the lamp.", i);
        a = art(url, "Lighthouse keepers", text);
        a.published = 1000 + i;
        put(st, &a, feed, NULL, NULL);
    }
    assert_int_equal(store_tx_commit(st), HERALD_OK);
}

/* A bulk load writes what the same writes without it would: the search index, deferred,
 * is complete after store_bulk_end() and kept up to date again afterwards; a load that
 * dies leaves the rebuild to the next writable open. */
static void test_bulk(void **state)
{
    struct fx *f = *state;
    struct store_article a;
    int64_t feed, v0, v1;
    store *ro;
    char id[STORE_ID_LEN + 1];

    feed = add_feed(f->st, "https://ex.org/feed", add_source(f->st, "Ex", NULL));
    a = art("https://ex.org/harbour", "Harbour reopens", "The harbour reopened after the storm.");
    put(f->st, &a, feed, NULL, id);
    assert_int_equal(search_count(f->st, "harbour"), 1);

    /* misuse */
    assert_int_equal(store_bulk_end(f->st), HERALD_E_INVALID);
    assert_int_equal(store_bulk_begin(f->st, 0x80), HERALD_E_INVALID);
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    assert_int_equal(store_bulk_begin(f->st, 0), HERALD_E_INVALID);
    assert_int_equal(store_tx_rollback(f->st), HERALD_OK);
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro), HERALD_OK);
    assert_int_equal(store_bulk_begin(ro, 0), HERALD_E_DENIED);
    store_close(ro);

    /* without deferring: the index follows every write as usual */
    assert_int_equal(store_bulk_begin(f->st, 0), HERALD_OK);
    assert_int_equal(store_bulk_begin(f->st, 0), HERALD_E_INVALID);
    put_lighthouses(f->st, feed, 0, 5);
    assert_int_equal(search_count(f->st, "lighthouse"), 5);
    assert_int_equal(store_bulk_end(f->st), HERALD_OK);
    check(f->st);

    /* deferred: new, updated and unchanged articles are all found after the end */
    assert_int_equal(store_data_version(f->st, &v0), HERALD_OK);
    assert_int_equal(store_bulk_begin(f->st, STORE_BULK_DEFER_SEARCH), HERALD_OK);
    put_lighthouses(f->st, feed, 5, 60);
    a = art("https://ex.org/harbour", "Port reopens", "The port reopened after the storm.");
    assert_int_equal(put(f->st, &a, feed, NULL, id), STORE_UPSERT_UPDATED);
    assert_int_equal(store_tx_begin(f->st), HERALD_OK);
    assert_int_equal(store_bulk_end(f->st), HERALD_E_INVALID); /* not inside a transaction */
    assert_int_equal(store_tx_rollback(f->st), HERALD_OK);
    assert_int_equal(search_count(f->st, "lighthouse"), 5); /* not yet: deferred */
    assert_int_equal(store_bulk_end(f->st), HERALD_OK);
    assert_int_equal(search_count(f->st, "lighthouse"), 60);
    assert_int_equal(search_count(f->st, "keeper"), 60);
    assert_int_equal(search_count(f->st, "harbour"), 0);
    assert_int_equal(search_count(f->st, "port"), 1);
    assert_int_equal(search_count(f->st, "light*"), 60); /* the prefix indexes too */
    assert_int_equal(store_data_version(f->st, &v1), HERALD_OK);
    assert_true(v1 > v0);
    check(f->st); /* the index agrees with the articles */
    /* and the triggers are back: a plain write is indexed at once */
    a = art("https://ex.org/beacon", "Beacon", "A beacon on the cliff.");
    put(f->st, &a, feed, NULL, NULL);
    assert_int_equal(search_count(f->st, "beacon"), 1);
    a = art("https://ex.org/beacon", "Beacon", "A signal fire on the cliff.");
    assert_int_equal(put(f->st, &a, feed, NULL, NULL), STORE_UPSERT_UPDATED);
    assert_int_equal(search_count(f->st, "signal"), 1);
    check(f->st);

    /* a load that dies before store_bulk_end: the next writable open rebuilds */
    assert_int_equal(store_bulk_begin(f->st, STORE_BULK_DEFER_SEARCH), HERALD_OK);
    put_lighthouses(f->st, feed, 60, 80);
    store_close(f->st);
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro), HERALD_OK);
    assert_int_equal(search_count(ro, "lighthouse"), 60); /* readers: the old index */
    store_close(ro);
    assert_int_equal(store_open(f->path, 0, &f->st), HERALD_OK);
    assert_int_equal(search_count(f->st, "lighthouse"), 80);
    check(f->st);
    a = art("https://ex.org/buoy", "Buoy", "A buoy in the bay.");
    put(f->st, &a, feed, NULL, NULL);
    assert_int_equal(search_count(f->st, "buoy"), 1);
    check(f->st);
}

int main(void)
{
    if (getenv("HERALD_TEST_DEBUG"))
        log_set_level(LOG_DEBUG);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_and_related_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_topics, setup, teardown),
        cmocka_unit_test(test_postgres_unsupported),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sources, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feeds_crud, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feeds_due_and_poll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upsert_dedupe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_random, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_work_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_related, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_bind_fails_the_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_urls_and_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_during_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_detects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
