/*
 * test_jobs.c - the store's job queue (enqueue, claim with a lease, complete, fail with
 * backoff, dead jobs, expired leases reclaimed, serial kinds) and its analysis results
 * (summary, key points, keywords, entities, language) with the entity filter of lists.
 *
 * Times are passed explicitly to claim and fail, so leases and backoff are tested without
 * waiting.  Every test ends with store_check().
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
#include "core/timeutil.h"
#include "store/store.h"
#include "testutil.h"

struct fx {
    char *dir;
    char *path;
    store *st;
    char a1[STORE_ID_LEN + 1], a2[STORE_ID_LEN + 1];
};

static void put(store *st, const char *url, const char *title, char id[STORE_ID_LEN + 1])
{
    struct store_article a;
    store_article_init(&a);
    a.url = (char *)url;
    a.title = (char *)title;
    a.text = (char *)"Some text.";
    assert_int_equal(store_article_upsert(st, &a, 0, NULL, id, NULL), HERALD_OK);
}

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
    put(f->st, "https://a.example/1", "One", f->a1);
    put(f->st, "https://a.example/2", "Two", f->a2);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_check(f->st), HERALD_OK);
    store_close(f->st);
    test_rmtree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static void test_claim_complete(void **state)
{
    struct fx *f = *state;
    struct store_job j, k;
    struct store_job_counts c;
    int64_t now = time_now(), v0, v1;

    assert_int_equal(store_data_version(f->st, &v0), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a1, TIME_NONE, 0), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a2, now + 100, 0), HERALD_OK);
    /* enqueueing twice is one job */
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a1, TIME_NONE, 0), HERALD_OK);
    /* queue writes do not move the data version (no reader cache is invalidated) */
    assert_int_equal(store_data_version(f->st, &v1), HERALD_OK);
    assert_int_equal(v0, v1);
    assert_int_equal(store_job_counts(f->st, now, &c), HERALD_OK);
    assert_int_equal(c.due, 1);
    assert_int_equal(c.waiting, 1);

    assert_int_equal(store_job_claim(f->st, "w1", now, 60, 0, &j), HERALD_OK);
    assert_string_equal(j.kind, STORE_JOB_ENRICH);
    assert_string_equal(j.article_id, f->a1);
    assert_int_equal(j.attempts, 1);
    /* the other job is not due yet; the claimed one is leased */
    assert_int_equal(store_job_claim(f->st, "w2", now, 60, 0, &k), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_counts(f->st, now, &c), HERALD_OK);
    assert_int_equal(c.running, 1);
    /* only the lease owner completes it */
    assert_int_equal(store_job_complete(f->st, j.id, "w2"), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_complete(f->st, j.id, "w1"), HERALD_OK);
    assert_int_equal(store_job_get(f->st, STORE_JOB_ENRICH, f->a1, &k), HERALD_E_NOTFOUND);
    store_job_release(&j);

    /* later, the second one is due */
    assert_int_equal(store_job_claim(f->st, "w2", now + 100, 60, 0, &k), HERALD_OK);
    assert_string_equal(k.article_id, f->a2);
    assert_int_equal(store_job_complete(f->st, k.id, "w2"), HERALD_OK);
    store_job_release(&k);
    assert_int_equal(store_job_counts(f->st, now + 100, &c), HERALD_OK);
    assert_int_equal(c.due + c.waiting + c.running + c.dead, 0);

    /* bad input */
    assert_int_equal(store_job_enqueue(f->st, "Bad Kind", f->a1, TIME_NONE, 0), HERALD_E_INVALID);
    assert_int_equal(store_job_enqueue(f->st, "enrich", "xyz", TIME_NONE, 0), HERALD_E_INVALID);
    assert_int_equal(store_job_claim(f->st, "", now, 60, 0, &k), HERALD_E_INVALID);
}

static void test_backoff_and_dead(void **state)
{
    struct fx *f = *state;
    struct store_job j, g;
    struct store_job_counts c;
    int64_t now = 1000000;

    assert_int_equal(store_job_backoff(1), STORE_JOB_BACKOFF_BASE);
    assert_int_equal(store_job_backoff(2), 2 * STORE_JOB_BACKOFF_BASE);
    assert_int_equal(store_job_backoff(60), STORE_JOB_BACKOFF_MAX);

    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_EXTRACT_RETRY, f->a1, now, 0), HERALD_OK);
    for (int attempt = 1; attempt <= 3; attempt++) {
        assert_int_equal(store_job_claim(f->st, "w", now, 60, 3, &j), HERALD_OK);
        assert_int_equal(j.attempts, attempt);
        assert_int_equal(store_job_fail(f->st, j.id, "w", now, "page timed out", 3), HERALD_OK);
        store_job_release(&j);
        assert_int_equal(store_job_get(f->st, STORE_JOB_EXTRACT_RETRY, f->a1, &g), HERALD_OK);
        assert_string_equal(g.last_error, "page timed out");
        if (attempt < 3) {
            /* backing off: not claimable until the backoff has passed */
            assert_int_equal(g.next_at, now + store_job_backoff(attempt));
            assert_int_equal(store_job_claim(f->st, "w", g.next_at - 1, 60, 3, &j),
                             HERALD_E_NOTFOUND);
            now = g.next_at;
        } else {
            assert_int_equal(g.next_at, TIME_NONE); /* dead after max attempts */
        }
        store_job_release(&g);
    }
    assert_int_equal(store_job_claim(f->st, "w", now + 100000, 60, 3, &j), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_counts(f->st, now, &c), HERALD_OK);
    assert_int_equal(c.dead, 1);
    /* enqueueing again revives it with fresh attempts */
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_EXTRACT_RETRY, f->a1, now, 0), HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "w", now, 60, 3, &j), HERALD_OK);
    assert_int_equal(j.attempts, 1);
    assert_null(j.last_error);
    store_job_release(&j);
}

static void test_lease_expiry(void **state)
{
    struct fx *f = *state;
    struct store_job j, k;
    int64_t now = 2000000;

    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a1, now, 0), HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "dead-worker", now, 30, 2, &j), HERALD_OK);
    /* the lease holds until it expires */
    assert_int_equal(store_job_claim(f->st, "w2", now + 29, 30, 2, &k), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_claim(f->st, "w2", now + 30, 30, 2, &k), HERALD_OK);
    assert_int_equal(k.id, j.id);
    assert_int_equal(k.attempts, 2);
    /* the first worker lost it: its result does not count */
    assert_int_equal(store_job_complete(f->st, j.id, "dead-worker"), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_fail(f->st, j.id, "dead-worker", now + 31, "x", 2),
                     HERALD_E_NOTFOUND);
    /* the second dies too: with max 2 attempts the job is buried, not claimed again */
    assert_int_equal(store_job_claim(f->st, "w3", now + 60, 30, 2, &j), HERALD_E_NOTFOUND);
    store_job_release(&k);
    assert_int_equal(store_job_get(f->st, STORE_JOB_ENRICH, f->a1, &k), HERALD_OK);
    assert_int_equal(k.next_at, TIME_NONE);
    assert_non_null(k.last_error);
    store_job_release(&k);
    store_job_release(&j);
}

static void test_rerun_and_serial(void **state)
{
    struct fx *f = *state;
    struct store_job j, k;
    int64_t now = time_now();

    /* enqueued again while it runs: it runs once more after completing */
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a1, TIME_NONE, 0), HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "w", now, 60, 0, &j), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a1, TIME_NONE, 0), HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "w2", now, 60, 0, &k), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_complete(f->st, j.id, "w"), HERALD_OK);
    store_job_release(&j);
    assert_int_equal(store_job_claim(f->st, "w2", now, 60, 0, &k), HERALD_OK);
    assert_string_equal(k.article_id, f->a1);
    assert_int_equal(store_job_complete(f->st, k.id, "w2"), HERALD_OK);
    store_job_release(&k);

    /* a serial kind runs one job at a time; others kinds are not held up */
    assert_int_equal(store_job_enqueue(f->st, "story", f->a1, now, STORE_JOB_SERIAL), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, "story", f->a2, now, STORE_JOB_SERIAL), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, "story", NULL, now + 1, STORE_JOB_SERIAL), HERALD_OK);
    assert_int_equal(store_job_enqueue(f->st, STORE_JOB_ENRICH, f->a2, now + 1, 0), HERALD_OK);
    assert_int_equal(store_job_claim(f->st, "w", now + 1, 60, 0, &j), HERALD_OK);
    assert_string_equal(j.kind, "story");
    assert_int_equal(store_job_claim(f->st, "w2", now + 1, 60, 0, &k), HERALD_OK);
    assert_string_equal(k.kind, STORE_JOB_ENRICH);
    store_job_release(&k);
    assert_int_equal(store_job_claim(f->st, "w3", now + 1, 60, 0, &k), HERALD_E_NOTFOUND);
    assert_int_equal(store_job_complete(f->st, j.id, "w"), HERALD_OK);
    store_job_release(&j);
    assert_int_equal(store_job_claim(f->st, "w3", now + 1, 60, 0, &k), HERALD_OK);
    assert_string_equal(k.kind, "story");
    store_job_release(&k);
}

static void test_enqueue_all(void **state)
{
    struct fx *f = *state;
    struct store_job_counts c;
    int64_t n = 0;
    assert_int_equal(store_job_enqueue_all(f->st, STORE_JOB_ENRICH, &n), HERALD_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_job_enqueue_all(f->st, STORE_JOB_ENRICH, &n), HERALD_OK);
    assert_int_equal(store_job_counts(f->st, time_now() + 1, &c), HERALD_OK);
    assert_int_equal(c.due, 2);
}

static void test_readonly(void **state)
{
    struct fx *f = *state;
    store *ro = NULL;
    struct store_job j;
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro), HERALD_OK);
    assert_int_equal(store_job_enqueue(ro, STORE_JOB_ENRICH, f->a1, TIME_NONE, 0), HERALD_E_DENIED);
    assert_int_equal(store_job_claim(ro, "w", time_now(), 60, 0, &j), HERALD_E_DENIED);
    store_close(ro);
}

static void test_analysis(void **state)
{
    struct fx *f = *state;
    char *sum[] = {"First sentence.", "Second\nsentence."};
    char *kp[] = {"A point."};
    char *kw[] = {"cyber campaign", "ministry"};
    struct store_entity ents[] = {
        {"jan-lipavsky", "Jan Lipavský", "person", 2},
        {"nato", "NATO", "org", 1},
        {"Bad Slug", "x", "person", 1}, /* skipped */
        {"prague", "Prague", "place", 3},
    };
    struct store_analysis a, g;
    struct store_entity e;
    struct store_article art;
    struct store_article_query q;
    struct store_article_list l;
    int64_t v0, v1;

    assert_int_equal(store_analysis_get(f->st, f->a1, &g), HERALD_E_NOTFOUND);
    store_analysis_init(&a);
    a.language = "en";
    a.reading_minutes = 3;
    a.summary = sum;
    a.n_summary = 2;
    a.key_points = kp;
    a.n_key_points = 1;
    a.keywords = kw;
    a.n_keywords = 2;
    a.entities = ents;
    a.n_entities = 4;
    a.version = 7;
    assert_int_equal(store_data_version(f->st, &v0), HERALD_OK);
    assert_int_equal(store_analysis_put(f->st, f->a1, &a), HERALD_OK);
    assert_int_equal(store_data_version(f->st, &v1), HERALD_OK);
    assert_true(v1 > v0); /* readers see new data */
    a.n_entities = 2;
    assert_int_equal(store_analysis_put(f->st, f->a2, &a), HERALD_OK);

    assert_int_equal(store_analysis_get(f->st, f->a1, &g), HERALD_OK);
    assert_string_equal(g.language, "en");
    assert_int_equal(g.reading_minutes, 3);
    assert_int_equal(g.n_summary, 2);
    assert_string_equal(g.summary[1], "Second sentence.");
    assert_int_equal(g.n_key_points, 1);
    assert_int_equal(g.n_keywords, 2);
    assert_string_equal(g.keywords[0], "cyber campaign");
    assert_int_equal(g.n_entities, 3);
    assert_string_equal(g.entities[0].slug, "jan-lipavsky");
    assert_string_equal(g.entities[0].name, "Jan Lipavský");
    assert_int_equal(g.entities[0].count, 2);
    assert_string_equal(g.entities[2].type, "place");
    assert_int_equal(g.version, 7);
    assert_true(g.computed_at != TIME_NONE);
    store_analysis_release(&g);

    /* the article gets the detected language when it had none */
    assert_int_equal(store_article_get(f->st, f->a1, &art), HERALD_OK);
    assert_string_equal(art.language, "en");
    store_article_release(&art);

    /* entity reads and the entity filter of lists */
    assert_int_equal(store_entity_get(f->st, "nato", &e), HERALD_OK);
    assert_string_equal(e.name, "NATO");
    assert_int_equal(e.count, 2);
    store_entity_release(&e);
    assert_int_equal(store_entity_get(f->st, "prague", &e), HERALD_OK);
    assert_int_equal(e.count, 1);
    store_entity_release(&e);
    assert_int_equal(store_entity_get(f->st, "nobody", &e), HERALD_E_NOTFOUND);
    assert_int_equal(store_entity_get(f->st, "../x", &e), HERALD_E_INVALID);
    store_article_query_init(&q);
    q.entity = "prague";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].id, f->a1);
    store_article_list_release(&l);
    q.entity = "nato";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    store_article_list_release(&l);
    q.entity = "Bad Slug";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_E_INVALID);

    /* the stories of the articles mentioning an entity, newest update first */
    {
        struct store_story_list sl;
        int64_t s1, s2;
        assert_int_equal(store_entity_stories(f->st, "nato", 10, &sl), HERALD_OK);
        assert_int_equal(sl.count, 0); /* not clustered yet */
        store_story_list_release(&sl);
        assert_int_equal(store_story_create(f->st, 1000, &s1), HERALD_OK);
        assert_int_equal(store_story_create(f->st, 2000, &s2), HERALD_OK);
        assert_int_equal(store_article_set_story(f->st, f->a1, s1), HERALD_OK);
        assert_int_equal(store_article_set_story(f->st, f->a2, s2), HERALD_OK);
        assert_int_equal(store_entity_stories(f->st, "nato", 10, &sl), HERALD_OK);
        assert_int_equal(sl.count, 2);
        assert_int_equal(sl.items[0].id, s2);
        assert_int_equal(sl.items[1].id, s1);
        store_story_list_release(&sl);
        assert_int_equal(store_entity_stories(f->st, "nato", 1, &sl), HERALD_OK);
        assert_int_equal(sl.count, 1);
        store_story_list_release(&sl);
        assert_int_equal(store_entity_stories(f->st, "prague", 10, &sl), HERALD_OK);
        assert_int_equal(sl.count, 1); /* only a1 mentions Prague */
        assert_int_equal(sl.items[0].id, s1);
        store_story_list_release(&sl);
        /* a merged story is listed once, as the story it joined */
        assert_int_equal(store_story_merge(f->st, s1, s2), HERALD_OK);
        assert_int_equal(store_entity_stories(f->st, "nato", 10, &sl), HERALD_OK);
        assert_int_equal(sl.count, 1);
        assert_int_equal(sl.items[0].id, s2);
        store_story_list_release(&sl);
        assert_int_equal(store_entity_stories(f->st, "nobody", 10, &sl), HERALD_OK);
        assert_int_equal(sl.count, 0);
        store_story_list_release(&sl);
        assert_int_equal(store_entity_stories(f->st, "../x", 10, &sl), HERALD_E_INVALID);
    }
    q.entity = NULL;
    q.language = "en";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    store_article_list_release(&l);

    /* a second put replaces the first (entities included) */
    a.n_entities = 0;
    a.n_summary = 1;
    assert_int_equal(store_analysis_put(f->st, f->a1, &a), HERALD_OK);
    assert_int_equal(store_analysis_get(f->st, f->a1, &g), HERALD_OK);
    assert_int_equal(g.n_summary, 1);
    assert_int_equal(g.n_entities, 0);
    store_analysis_release(&g);
    q.language = NULL;
    q.entity = "prague";
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 0);
    store_article_list_release(&l);

    assert_int_equal(store_analysis_put(f->st, "0123456789abcdef0123456789abcdef", &a),
                     HERALD_E_NOTFOUND);
}

static void test_word_df(void **state)
{
    struct fx *f = *state;
    int64_t df = -1;
    assert_int_equal(store_word_df(f->st, "text", 100, &df), HERALD_OK);
    assert_int_equal(df, 2);
    assert_int_equal(store_word_df(f->st, "texts", 100, &df), HERALD_OK); /* stemmed */
    assert_int_equal(df, 2);
    assert_int_equal(store_word_df(f->st, "text", 1, &df), HERALD_OK); /* capped */
    assert_int_equal(df, 1);
    assert_int_equal(store_word_df(f->st, "two", 100, &df), HERALD_OK);
    assert_int_equal(df, 1);
    assert_int_equal(store_word_df(f->st, "absent", 100, &df), HERALD_OK);
    assert_int_equal(df, 0);
    assert_int_equal(store_word_df(f->st, "", 100, &df), HERALD_E_INVALID);
}

static void test_llm_cache(void **state)
{
    struct fx *f = *state;
    char *out = NULL;
    assert_int_equal(store_llm_cache_get(f->st, f->a1, "summary", "", &out), HERALD_E_NOTFOUND);
    assert_int_equal(store_llm_cache_put(f->st, f->a1, "summary", "", "m", "An answer."),
                     HERALD_OK);
    assert_int_equal(store_llm_cache_get(f->st, f->a1, "summary", "", &out), HERALD_OK);
    assert_string_equal(out, "An answer.");
    free(out);
    assert_int_equal(store_llm_cache_get(f->st, f->a1, "answer", "who?", &out), HERALD_E_NOTFOUND);
    assert_int_equal(store_llm_cache_get(f->st, f->a1, "bad task", "", &out), HERALD_E_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_claim_complete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backoff_and_dead, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lease_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rerun_and_serial, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enqueue_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analysis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_word_df, setup, teardown),
        cmocka_unit_test_setup_teardown(test_llm_cache, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
