/*
 * test_ingest.c - the pipeline against a loopback server: a poll stores the entries, the
 * publisher and the validators in one go; a conditional re-poll is a 304 that stores
 * nothing new; a permanent redirect moves the feed; failures are recorded on the feed with
 * a backoff (Retry-After honoured) and lose nothing already stored; the log says why a poll
 * stored nothing new (entries already stored from this feed, or from another feed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "core/health.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "testhttpd.h"
#include "testutil.h"

static const char rss[] =
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Loopback Daily: Top</title>"
    "<link>https://loopback-daily.example/</link><copyright>(c) Loopback Daily</copyright>"
    "<item><title>First &amp; foremost</title><link>/a1</link><guid>a1</guid>"
    "<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>"
    "<description>&lt;p&gt;One paragraph &lt;script&gt;alert(1)&lt;/script&gt;of text."
    "&lt;/p&gt;</description></item>"
    "<item><title>Second</title><link>/a2</link><guid>a2</guid>"
    "<pubDate>Tue, 24 Nov 2026 11:00:00 GMT</pubDate><description>Two.</description></item>"
    "</channel></rss>";

/* Another feed of the same publisher: "Second" (a2, also in rss) and one of its own. */
static const char rss_b[] =
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Loopback Daily: World</title>"
    "<link>https://loopback-daily.example/</link>"
    "<item><title>Second</title><link>/a2</link><guid>a2</guid>"
    "<pubDate>Tue, 24 Nov 2026 11:00:00 GMT</pubDate><description>Two.</description></item>"
    "<item><title>Third</title><link>/b1</link><guid>b1</guid>"
    "<pubDate>Tue, 24 Nov 2026 12:00:00 GMT</pubDate><description>Three.</description></item>"
    "</channel></rss>";

static int feed_requests, conditional_hits;

/* Requests for /loop-feed, counted under a lock with a condition variable, so a test can
 * wait for the n-th poll without sleeping. */
static pthread_mutex_t loop_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loop_cond = PTHREAD_COND_INITIALIZER;
static int loop_requests;

static void wait_loop_requests(int n)
{
    pthread_mutex_lock(&loop_lock);
    while (loop_requests < n)
        pthread_cond_wait(&loop_cond, &loop_lock);
    pthread_mutex_unlock(&loop_lock);
}

static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    (void)ctx;
    if (strcmp(rq->path, "/feed") == 0 || strcmp(rq->path, "/new-home") == 0) {
        const char *inm = testhttpd_header(rq, "If-None-Match");
        feed_requests++;
        if (inm && strcmp(inm, "\"v1\"") == 0) {
            conditional_hits++;
            rs->status = 304;
            return;
        }
        testhttpd_set_body(rs, rss);
        testhttpd_add_header(rs, "Content-Type", "application/rss+xml");
        testhttpd_add_header(rs, "ETag", "\"v1\"");
    } else if (strcmp(rq->path, "/loop-feed") == 0) {
        testhttpd_set_body(rs, rss);
        testhttpd_add_header(rs, "Content-Type", "application/rss+xml");
        pthread_mutex_lock(&loop_lock);
        loop_requests++;
        pthread_cond_broadcast(&loop_cond);
        pthread_mutex_unlock(&loop_lock);
    } else if (strcmp(rq->path, "/feed-b") == 0) {
        testhttpd_set_body(rs, rss_b);
        testhttpd_add_header(rs, "Content-Type", "application/rss+xml");
    } else if (strcmp(rq->path, "/old-home") == 0) {
        rs->status = 308;
        testhttpd_add_header(rs, "Location", "/new-home");
    } else if (strcmp(rq->path, "/broken") == 0) {
        rs->status = 500;
    } else if (strcmp(rq->path, "/busy") == 0) {
        rs->status = 429;
        testhttpd_add_header(rs, "Retry-After", "7200");
    } else if (strcmp(rq->path, "/notfeed") == 0) {
        testhttpd_set_body(rs, "this is not a feed at all");
    } else {
        rs->status = 404;
    }
}

struct fx {
    testhttpd *srv;
    char *dir, *db;
    store *st;
    ingest *ing;
    struct config cfg;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct strbuf p = STRBUF_INIT;
    f->srv = testhttpd_start(handle, NULL);
    f->dir = test_tmpdir();
    strbuf_addf(&p, "%s/ingest.db", f->dir);
    f->db = strbuf_detach(&p, NULL);
    config_init(&f->cfg);
    config_set(&f->cfg, "ssrf.allow", "127.0.0.1", "test");
    config_set(&f->cfg, "extract.mode", "never", "test");
    if (store_open(f->db, 0, &f->st) || ingest_new(f->st, &f->cfg, &f->ing))
        return -1;
    feed_requests = conditional_hits = 0;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    ingest_free(f->ing);
    store_close(f->st);
    testhttpd_stop(f->srv);
    config_release(&f->cfg);
    test_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static int64_t subscribe(struct fx *f, const char *path)
{
    struct store_feed in;
    int64_t id;
    char *url = testhttpd_url(f->srv, path);
    store_feed_init(&in);
    in.url = url;
    assert_int_equal(store_feed_add(f->st, &in, &id), HERALD_OK);
    free(url);
    return id;
}

static void get_feed(struct fx *f, int64_t id, struct store_feed *out)
{
    store_feed_init(out);
    assert_int_equal(store_feed_get(f->st, id, out), HERALD_OK);
}

static int64_t article_count(struct fx *f)
{
    struct store_stats s;
    assert_int_equal(store_stats_get(f->st, &s), HERALD_OK);
    return s.articles;
}

static void test_poll_then_not_modified(void **state)
{
    struct fx *f = *state;
    struct ingest_stats stats = {0};
    struct store_feed fd;
    struct store_source src;
    struct store_article_query q;
    struct store_article_list l;
    int64_t id = subscribe(f, "/feed"), before = time_now();

    assert_int_equal(ingest_poll_due(f->ing, 0, &stats), HERALD_OK);
    assert_int_equal(stats.feeds_polled, 1);
    assert_int_equal(stats.articles_inserted, 2);
    assert_int_equal(article_count(f), 2);
    get_feed(f, id, &fd);
    assert_int_equal(fd.last_status, 200);
    assert_int_equal(fd.consecutive_errors, 0);
    assert_string_equal(fd.etag, "\"v1\"");
    assert_string_equal(fd.title, "Loopback Daily: Top");
    assert_true(fd.next_poll >= before + 300); /* poll.min */
    assert_true(fd.source_id > 0);
    store_source_init(&src);
    assert_int_equal(store_source_get(f->st, fd.source_id, &src), HERALD_OK);
    assert_string_equal(src.name, "Loopback Daily"); /* the publisher, not the section */
    assert_string_equal(src.copyright, "(c) Loopback Daily");
    store_source_release(&src);
    store_feed_release(&fd);

    store_article_query_init(&q);
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].title, "Second");
    assert_string_equal(l.items[1].title, "First & foremost");
    struct store_article a;
    store_article_init(&a);
    assert_int_equal(store_article_get(f->st, l.items[1].id, &a), HERALD_OK);
    assert_null(strstr(a.content_html, "<script"));
    assert_non_null(strstr(a.text, "One paragraph"));
    assert_non_null(strstr(a.url, "/a1"));
    store_article_release(&a);
    store_article_list_release(&l);

    /* Not due yet: a plain poll does nothing. */
    memset(&stats, 0, sizeof(stats));
    assert_int_equal(ingest_poll_due(f->ing, 0, &stats), HERALD_OK);
    assert_int_equal(stats.feeds_polled, 0);
    assert_int_equal(feed_requests, 1);

    /* Forced: a conditional GET answered 304 stores nothing new. */
    memset(&stats, 0, sizeof(stats));
    assert_int_equal(ingest_poll_due(f->ing, 1, &stats), HERALD_OK);
    assert_int_equal(conditional_hits, 1);
    assert_int_equal(stats.feeds_not_modified, 1);
    assert_int_equal(stats.entries_seen, 0);
    assert_int_equal(article_count(f), 2);
    get_feed(f, id, &fd);
    assert_int_equal(fd.last_status, 304);
    assert_string_equal(fd.etag, "\"v1\""); /* validators kept */
    store_feed_release(&fd);
    assert_int_equal(store_check(f->st), HERALD_OK);
}

/* Runs a forced poll with stderr (the log) going to a file; returns what was logged. */
static char *poll_logged(struct fx *f, struct ingest_stats *stats)
{
    struct strbuf path = STRBUF_INIT;
    char *text;
    int saved, fd;
    enum log_level level = log_get_level();
    strbuf_addf(&path, "%s/log.txt", f->dir);
    fflush(stderr);
    saved = dup(2);
    fd = open(path.buf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, 2), 2);
    close(fd);
    log_set_level(LOG_INFO);
    memset(stats, 0, sizeof(*stats));
    herald_status rc = ingest_poll_due(f->ing, 1, stats);
    log_set_level(level);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(rc, HERALD_OK);
    text = test_read_file(path.buf, NULL);
    assert_non_null(text);
    strbuf_release(&path);
    return text;
}

/* "N entries, 0 new" explained: per poll, the entries stored already from this feed and
 * those whose article came first through another feed (here the same guid and URL in two
 * feeds of one publisher) are counted and logged apart. */
static void test_log_says_why_nothing_is_new(void **state)
{
    struct fx *f = *state;
    struct ingest_stats stats = {0};
    struct strbuf want = STRBUF_INIT;
    int64_t a = subscribe(f, "/feed"), b;
    char *log;

    assert_int_equal(ingest_poll_due(f->ing, 0, &stats), HERALD_OK);
    assert_int_equal(stats.articles_inserted, 2);
    b = subscribe(f, "/feed-b");

    /* feed a answers 304; feed b brings "Third" and "Second", stored through feed a */
    log = poll_logged(f, &stats);
    assert_int_equal(stats.articles_inserted, 1);
    assert_int_equal(stats.articles_known, 0);
    assert_int_equal(stats.articles_elsewhere, 1);
    strbuf_addf(&want, "ingest: feed %lld: 2 entries, 1 new (1 already in another feed)\n",
                (long long)b);
    assert_non_null(strstr(log, want.buf));
    free(log);

    /* again: b's own entry is known now, a's is still another feed's */
    log = poll_logged(f, &stats);
    assert_int_equal(stats.entries_seen, 2);
    assert_int_equal(stats.articles_inserted, 0);
    assert_int_equal(stats.articles_known, 1);
    assert_int_equal(stats.articles_elsewhere, 1);
    strbuf_reset(&want);
    strbuf_addf(&want,
                "ingest: feed %lld: 2 entries, 0 new (1 already stored, 1 already in another "
                "feed)\n",
                (long long)b);
    assert_non_null(strstr(log, want.buf));
    strbuf_reset(&want);
    strbuf_addf(&want, "ingest: feed %lld: ", (long long)a);
    assert_null(strstr(log, want.buf)); /* 304: no entries, no line */
    free(log);
    assert_int_equal(article_count(f), 3);
    strbuf_release(&want);
}

static void test_permanent_redirect_moves_the_feed(void **state)
{
    struct fx *f = *state;
    struct store_feed fd;
    int64_t id = subscribe(f, "/old-home");
    char *want = testhttpd_url(f->srv, "/new-home");
    assert_int_equal(ingest_poll_due(f->ing, 0, NULL), HERALD_OK);
    get_feed(f, id, &fd);
    assert_string_equal(fd.url, want);
    assert_int_equal(article_count(f), 2);
    store_feed_release(&fd);
    free(want);
}

static void test_failures_back_off_and_lose_nothing(void **state)
{
    struct fx *f = *state;
    struct ingest_stats stats = {0};
    struct store_feed fd;
    int64_t good = subscribe(f, "/feed");
    int64_t broken = subscribe(f, "/broken"), busy = subscribe(f, "/busy");
    int64_t notfeed = subscribe(f, "/notfeed"), now = time_now();

    assert_int_equal(ingest_poll_due(f->ing, 0, &stats), HERALD_OK);
    assert_int_equal(stats.feeds_polled, 4);
    assert_int_equal(stats.feeds_failed, 3);
    assert_int_equal(article_count(f), 2);

    get_feed(f, broken, &fd);
    assert_int_equal(fd.last_status, 500);
    assert_int_equal(fd.consecutive_errors, 1);
    assert_non_null(fd.last_error);
    assert_true(fd.next_poll >= now + 600); /* the first backoff step */
    store_feed_release(&fd);

    get_feed(f, busy, &fd);
    assert_int_equal(fd.last_status, 429);
    assert_true(fd.next_poll >= now + 7200); /* Retry-After */
    store_feed_release(&fd);

    get_feed(f, notfeed, &fd);
    assert_int_equal(fd.consecutive_errors, 1);
    assert_non_null(strstr(fd.last_error, "not a feed"));
    store_feed_release(&fd);

    /* Failing again: the error count grows, the good feed's articles stay. */
    assert_int_equal(ingest_poll_due(f->ing, 1, NULL), HERALD_OK);
    get_feed(f, broken, &fd);
    assert_int_equal(fd.consecutive_errors, 2);
    store_feed_release(&fd);
    get_feed(f, good, &fd);
    assert_int_equal(fd.consecutive_errors, 0);
    store_feed_release(&fd);
    assert_int_equal(article_count(f), 2);
    assert_int_equal(store_check(f->st), HERALD_OK);
}

struct loop_thread {
    ingest *ing;
    volatile sig_atomic_t stop;
    herald_status rc;
};

static void *run_loop(void *arg)
{
    struct loop_thread *t = arg;
    t->rc = ingest_loop(t->ing, &t->stop);
    return NULL;
}

static const struct health_report *ingest_health(struct health_report *reps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(reps[i].name, "ingest") == 0)
            return &reps[i];
    return NULL;
}

/* A round whose results cannot be written (here: the pipeline's store handle is
 * read-only) does not end ingest_loop: it reports "failing" with the store's message,
 * retries (with the backoff shortened to milliseconds), and a later good round reports
 * "ok".  The loop finishes the round in progress before it looks at stop, so after
 * the join the health is that of the last round. */
static void test_loop_survives_failed_rounds(void **state)
{
    struct fx *f = *state;
    struct loop_thread t = {NULL, 0, HERALD_E_INTERNAL};
    struct health_report reps[HEALTH_MAX_COMPONENTS];
    const struct health_report *h;
    store *ro = NULL;
    pthread_t tid;

    health_reset();
    subscribe(f, "/loop-feed");
    assert_int_equal(store_open(f->db, STORE_READONLY, &ro), HERALD_OK);
    assert_int_equal(ingest_new(ro, &f->cfg, &t.ing), HERALD_OK);
    ingest_set_retry(t.ing, 5, 20);
    pthread_mutex_lock(&loop_lock);
    loop_requests = 0;
    pthread_mutex_unlock(&loop_lock);

    assert_int_equal(pthread_create(&tid, NULL, run_loop, &t), 0);
    wait_loop_requests(3); /* three rounds: the first two failed and were retried */
    t.stop = 1;
    assert_int_equal(pthread_join(tid, NULL), 0);
    assert_int_equal(t.rc, HERALD_OK);
    h = ingest_health(reps, health_snapshot(reps, HEALTH_MAX_COMPONENTS));
    assert_non_null(h);
    assert_int_equal(h->state, HEALTH_FAILING);
    assert_true(h->failures >= 3);
    assert_non_null(strstr(h->message, "read-only"));
    assert_int_equal(article_count(f), 0);
    ingest_free(t.ing);
    store_close(ro);

    /* The same loop over a writable handle: the next round stores and reports ok. */
    t.ing = f->ing;
    t.stop = 0;
    assert_int_equal(pthread_create(&tid, NULL, run_loop, &t), 0);
    wait_loop_requests(4);
    t.stop = 1;
    assert_int_equal(pthread_join(tid, NULL), 0);
    h = ingest_health(reps, health_snapshot(reps, HEALTH_MAX_COMPONENTS));
    assert_non_null(h);
    assert_int_equal(h->state, HEALTH_OK);
    assert_int_equal(h->failures, 0);
    assert_int_equal(article_count(f), 2);
    health_reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_poll_then_not_modified, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_says_why_nothing_is_new, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permanent_redirect_moves_the_feed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failures_back_off_and_lose_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_survives_failed_rounds, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
