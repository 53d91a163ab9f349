/*
 * test_enrich.c - the enrichment workers: a drain runs every due job through the handler
 * table and stores the analysis; an unknown kind fails with backoff without stopping the
 * drain; a job whose lease expired under a dead worker is reclaimed; the pool (several
 * threads, each with its own handle) completes queued jobs and stops cleanly; an
 * extract-retry job fetches a page again from a loopback server and the longer text
 * replaces the stored one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/config.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "enrich/enrich.h"
#include "store/store.h"
#include "testhttpd.h"
#include "testutil.h"

#define NART 6

struct fx {
    char *dir;
    char *path;
    store *st;
    struct config cfg;
    struct enrich_config ec;
    char ids[NART][STORE_ID_LEN + 1];
};

static const char *const texts[] = {
    "The Czech Foreign Ministry said on Wednesday that a hacking group linked to China "
    "attacked its network. Foreign Minister Jan Lipavsky summoned the ambassador. NATO and "
    "the European Union condemned the attack. The ministry has put a new system in place.",
    "Heavy rain flooded the centre of Prague on Monday. The river rose two metres overnight "
    "and the city closed three bridges. Officials said the water would fall by Friday.",
    "The central bank kept interest rates unchanged. Inflation slowed to three percent in "
    "May. Economists expect a cut in the autumn, the bank's governor said in a statement.",
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
    for (int i = 0; i < NART; i++) {
        struct store_article a;
        char url[64];
        snprintf(url, sizeof(url), "https://news.example/%d", i);
        store_article_init(&a);
        a.url = url;
        a.title = (char *)"A story";
        a.text = (char *)texts[i % 3];
        if (store_article_upsert(f->st, &a, 0, NULL, f->ids[i], NULL) != HERALD_OK)
            return -1;
    }
    config_init(&f->cfg);
    free(f->cfg.db_path);
    f->cfg.db_path = xstrdup(f->path);
    enrich_config_from(&f->ec, &f->cfg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_check(f->st), HERALD_OK);
    store_close(f->st);
    config_release(&f->cfg);
    test_rmtree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static void test_drain(void **state)
{
    struct fx *f = *state;
    struct enrich_stats es = {0};
    struct store_analysis an;
    struct store_job_counts c;
    struct store_job j;
    int64_t now = time_now();

    for (int i = 0; i < 3; i++)
        assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->ids[i], TIME_NONE, 0),
                         HERALD_OK);
    /* a kind nobody handles fails (and backs off) without stopping the drain */
    assert_int_equal(store_job_enqueue(f->st, "no-such-kind", f->ids[0], TIME_NONE, 0), HERALD_OK);
    /* a job held by a worker that died: its lease expired long ago */
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->ids[3], now - 1000, 0),
                     HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "dead", now - 1000, 10, 0, &j), HERALD_OK);
    assert_string_equal(j.article_id, f->ids[3]);
    store_job_release(&j);
    /* an article deleted since (an unknown id): the job completes */
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, "0123456789abcdef0123456789abcdef",
                                       TIME_NONE, 0),
                     HERALD_OK);
    /* llm without llm.url: nothing to do, completes */
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_LLM, f->ids[1], TIME_NONE, 0), HERALD_OK);

    assert_int_equal(enrich_drain(f->st, &f->ec, &es, NULL, NULL), HERALD_OK);
    assert_int_equal(es.done, 6);
    assert_int_equal(es.failed, 1);
    assert_int_equal(store_job_counts(f->st, time_now(), &c), HERALD_OK);
    assert_int_equal(c.due, 0);
    assert_int_equal(c.waiting, 1); /* the unknown kind, backing off */
    assert_int_equal(store_job_get(f->st, "no-such-kind", f->ids[0], &j), HERALD_OK);
    assert_non_null(strstr(j.last_error, "no handler"));
    store_job_release(&j);

    for (int i = 0; i < 4; i++) {
        assert_int_equal(store_analysis_get(f->st, f->ids[i], &an), HERALD_OK);
        assert_true(an.n_summary >= 1);
        assert_true(an.reading_minutes >= 1);
        store_analysis_release(&an);
    }
    assert_int_equal(store_analysis_get(f->st, f->ids[4], &an), HERALD_E_NOTFOUND);
}

/* Story jobs (enqueued by ingest with each article): serial, in arrival order, and the
 * drain clusters the articles (stories_add). */
static void test_story_jobs(void **state)
{
    struct fx *f = *state;
    struct enrich_stats es = {0};
    struct store_article a;
    struct store_job j, k;
    int64_t story[NART];

    for (int i = 0; i < NART; i++)
        assert_int_equal(
            store_job_enqueue(f->st, STORE_JOB_STORY, f->ids[i], TIME_NONE, STORE_JOB_SERIAL),
            HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "a", time_now(), 60, 0, &j), HERALD_OK);
    assert_string_equal(j.kind, STORE_JOB_STORY);
    assert_string_equal(j.article_id, f->ids[0]); /* the first to arrive */
    /* one at a time: nothing else is due while it is held */
    assert_int_equal(store_job_claim(f->st, "b", time_now(), 60, 0, &k), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_complete(f->st, j.id, "a"), HERALD_OK);
    store_job_release(&j);

    assert_int_equal(enrich_drain(f->st, &f->ec, &es, NULL, NULL), HERALD_OK);
    /* each story job that ran was followed by its "related" job */
    assert_int_equal(es.done, 2 * (NART - 1));
    assert_int_equal(es.failed, 0);
    for (int i = 0; i < NART; i++) {
        store_article_init(&a);
        assert_int_equal(store_article_get(f->st, f->ids[i], &a), HERALD_OK);
        story[i] = a.story_id;
        store_article_release(&a);
    }
    /* the first job was completed by hand, not run: its article has no story */
    assert_int_equal(story[0], 0);
    for (int i = 1; i < NART; i++)
        assert_true(story[i] > 0);
    assert_int_equal(story[1], story[4]); /* the same text: near-copies, one story */
    assert_int_equal(story[2], story[5]);
    /* the related jobs stored the pages' lists: 1 and 4 name each other as copies; the
     * article whose story job never ran has none */
    {
        struct store_related_entry e[STORE_RELATED_LIST_MAX];
        size_t n = 0, found = 0;
        assert_int_equal(store_article_related_get(f->st, f->ids[1], e, STORE_RELATED_LIST_MAX, &n),
                         HERALD_OK);
        for (size_t i = 0; i < n; i++)
            if (strcmp(e[i].id, f->ids[4]) == 0 && e[i].reason == STORE_RELATED_NEAR_COPY)
                found++;
        assert_int_equal(found, 1);
        assert_int_equal(store_article_related_get(f->st, f->ids[4], e, STORE_RELATED_LIST_MAX, &n),
                         HERALD_OK);
        assert_true(n >= 1);
        assert_int_equal(store_article_related_get(f->st, f->ids[0], e, STORE_RELATED_LIST_MAX, &n),
                         HERALD_E_NOTFOUND);
    }
}

static void test_pool(void **state)
{
    struct fx *f = *state;
    struct store_analysis an;
    struct store_job_counts c;
    enrich_pool *p = NULL;
    int64_t n = 0;

    f->ec.workers = 3;
    f->ec.idle_ms = 50;
    assert_int_equal(enrich_pool_start(&f->ec, &p), HERALD_OK);
    assert_int_equal(store_job_enqueue_all(f->st, STORE_JOB_ENRICH, &n), HERALD_OK);
    assert_int_equal(n, NART);
    enrich_pool_kick(p);
    assert_int_equal(enrich_pool_wait_done(p, NART, 60000), NART);
    assert_int_equal(enrich_pool_done(p), NART);
    enrich_pool_stop(p);
    for (int i = 0; i < NART; i++) {
        assert_int_equal(store_analysis_get(f->st, f->ids[i], &an), HERALD_OK);
        store_analysis_release(&an);
    }
    assert_int_equal(store_job_counts(f->st, time_now(), &c), HERALD_OK);
    assert_int_equal(c.due + c.running + c.waiting + c.dead, 0);
    enrich_pool_stop(NULL);
}

static const char page[] =
    "<!doctype html><html><head><title>A story</title></head><body><article><h1>A story</h1>"
    "<p>The ministry said on Wednesday that the attack began in 2022 and targeted the "
    "country's critical infrastructure, and that a group associated with a foreign state "
    "security service was behind the campaign against its communication network.</p>"
    "<p>It was not immediately clear what information was taken or what damage was caused "
    "by the attacks. The ministry said a new communication system had already been put in "
    "place and that the old one would be retired by the end of the year.</p>"
    "<p>The foreign minister said in a separate statement that the ambassador had been "
    "summoned to make clear that such activities have serious impacts on relations between "
    "the two countries, and that allies had been informed of the findings.</p>"
    "</article></body></html>";

static void serve_page(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    int *hits = ctx;
    (*hits)++;
    if (strcmp(rq->path, "/story") != 0) {
        rs->status = 404;
        return;
    }
    testhttpd_set_body(rs, page);
    testhttpd_add_header(rs, "Content-Type", "text/html; charset=utf-8");
}

static void test_extract_retry(void **state)
{
    struct fx *f = *state;
    struct enrich_stats es = {0};
    struct store_article a, got;
    struct store_analysis an;
    int hits = 0;
    char id[STORE_ID_LEN + 1];
    testhttpd *srv = testhttpd_start(serve_page, &hits);
    char *url = testhttpd_url(srv, "/story");

    store_article_init(&a);
    a.url = url;
    a.title = (char *)"A story";
    a.text = (char *)"A teaser.";
    a.word_count = 2;
    assert_int_equal(store_article_upsert(f->st, &a, 0, NULL, id, NULL), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_EXTRACT_RETRY, id, TIME_NONE, 0),
                     HERALD_OK);
    assert_int_equal(config_set(&f->cfg, "ssrf.allow", "127.0.0.1", "test"), HERALD_OK);
    assert_int_equal(enrich_drain(f->st, &f->ec, &es, NULL, NULL), HERALD_OK);
    assert_int_equal(es.done, 1);
    assert_int_equal(hits, 1);
    assert_int_equal(store_article_get(f->st, id, &got), HERALD_OK);
    assert_non_null(strstr(got.text, "critical infrastructure"));
    assert_true(got.word_count > 50);
    store_article_release(&got);
    /* the improved article was analysed again */
    assert_int_equal(store_analysis_get(f->st, id, &an), HERALD_OK);
    store_analysis_release(&an);
    testhttpd_stop(srv);
    free(url);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_drain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_story_jobs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool, setup, teardown),
        cmocka_unit_test_setup_teardown(test_extract_retry, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
