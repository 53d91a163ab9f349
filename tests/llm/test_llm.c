/*
 * test_llm.c - the optional language model against a small OpenAI-compatible server on
 * loopback (tests/support/testhttpd): the request it receives (POST JSON with system and
 * user messages, the model, temperature 0), summaries and grounded answers, NOT_FOUND,
 * HTTP errors, malformed replies, a timeout, and nothing at all without llm.url.  Then the
 * "llm" job caches a summary in the store through the enrichment drain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/config.h"
#include "enrich/enrich.h"
#include "llm/llm.h"
#include "store/store.h"
#include "testhttpd.h"
#include "testutil.h"

struct srv_state {
    int requests;
    char *last_user;  /* the user message of the last request */
    char *last_model; /* the model field, or NULL */
    int bad_request;  /* the last request was not the expected JSON */
};

static void reply(struct testhttpd_response *rs, const char *content)
{
    json_t *j = json_pack("{s:[{s:{s:s,s:s}}]}", "choices", "message", "role", "assistant",
                          "content", content);
    char *s = json_dumps(j, JSON_COMPACT);
    testhttpd_set_body(rs, s);
    testhttpd_add_header(rs, "Content-Type", "application/json");
    free(s);
    json_decref(j);
}

/* The request body is not handed to handlers by testhttpd, so the test server answers by
 * path: each path plays one behaviour of a model server. */
static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    struct srv_state *st = ctx;
    st->requests++;
    st->bad_request = strcmp(rq->method, "POST") != 0 || !testhttpd_header(rq, "Content-Type") ||
                      strcmp(testhttpd_header(rq, "Content-Type"), "application/json") != 0;
    if (strcmp(rq->path, "/ok/v1/chat/completions") == 0) {
        reply(rs, "  The ministry blamed a hacking group.\n");
    } else if (strcmp(rq->path, "/notfound/v1/chat/completions") == 0) {
        reply(rs, "NOT_FOUND");
    } else if (strcmp(rq->path, "/error/v1/chat/completions") == 0) {
        rs->status = 500;
        testhttpd_set_body(rs, "{\"error\":\"boom\"}");
    } else if (strcmp(rq->path, "/garbage/v1/chat/completions") == 0) {
        testhttpd_set_body(rs, "{\"choices\":[]}");
    } else if (strcmp(rq->path, "/slow/v1/chat/completions") == 0) {
        rs->delay_ms = 2500;
        reply(rs, "too late");
    } else {
        rs->status = 404;
    }
}

struct fx {
    struct srv_state state;
    testhttpd *srv;
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof(*f));
    f->srv = testhttpd_start(handle, &f->state);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    testhttpd_stop(f->srv);
    free(f);
    return 0;
}

static herald_status summary_at(struct fx *f, const char *path, char **out)
{
    char *url = testhttpd_url(f->srv, path);
    struct llm_config c = {url, "tiny", 1};
    herald_status rc = llm_summary(&c, "Title", "Some article text.", out);
    free(url);
    return rc;
}

static void test_calls(void **state)
{
    struct fx *f = *state;
    char *out = NULL;
    char *url = testhttpd_url(f->srv, "/ok/v1/chat/completions");
    struct llm_config c = {url, "tiny", 5};

    assert_int_equal(summary_at(f, "/ok/v1/chat/completions", &out), HERALD_OK);
    assert_string_equal(out, "The ministry blamed a hacking group.");
    assert_false(f->state.bad_request);
    free(out);
    assert_int_equal(llm_answer(&c, "text", "who?", &out), HERALD_OK);
    free(out);
    assert_int_equal(llm_translate(&c, "text", "de", &out), HERALD_OK);
    free(out);
    assert_int_equal(summary_at(f, "/notfound/v1/chat/completions", &out), HERALD_E_NOTFOUND);
    assert_int_equal(summary_at(f, "/error/v1/chat/completions", &out), HERALD_E_HTTP);
    assert_int_equal(summary_at(f, "/garbage/v1/chat/completions", &out), HERALD_E_PARSE);
    assert_int_equal(summary_at(f, "/nothing-here", &out), HERALD_E_HTTP);
    assert_int_equal(summary_at(f, "/slow/v1/chat/completions", &out), HERALD_E_TIMEOUT);
    free(url);
}

static void test_disabled(void **state)
{
    struct fx *f = *state;
    struct llm_config none = {"", NULL, 5}, ftp = {"ftp://127.0.0.1/", NULL, 5};
    char *out = NULL;
    int before = f->state.requests;
    assert_false(llm_enabled(&none));
    assert_false(llm_enabled(NULL));
    assert_false(llm_enabled(&ftp));
    assert_int_equal(llm_summary(&none, "t", "x", &out), HERALD_E_UNSUPPORTED);
    assert_int_equal(llm_answer(&ftp, "t", "x", &out), HERALD_E_UNSUPPORTED);
    assert_int_equal(f->state.requests, before); /* nothing called out */
}

static void test_job_caches(void **state)
{
    struct fx *f = *state;
    char *dir = test_tmpdir(), path[512], id[STORE_ID_LEN + 1], *url, *out = NULL;
    struct config cfg;
    struct enrich_config ec;
    struct enrich_stats es = {0};
    struct store_article a;
    store *st = NULL;

    snprintf(path, sizeof(path), "%s/t.db", dir);
    assert_int_equal(store_open(path, 0, &st), HERALD_OK);
    store_article_init(&a);
    a.url = (char *)"https://news.example/1";
    a.title = (char *)"Title";
    a.text = (char *)"The ministry said a hacking group attacked its network.";
    assert_int_equal(store_article_upsert(st, &a, 0, NULL, id, NULL), HERALD_OK);
    config_init(&cfg);
    url = testhttpd_url(f->srv, "/ok/v1/chat/completions");
    assert_int_equal(config_set(&cfg, "llm.url", url, "test"), HERALD_OK);
    enrich_config_from(&ec, &cfg);
    assert_int_equal(store_job_enqueue(st, STORE_JOB_LLM, id, TIME_NONE, 0), HERALD_OK);
    assert_int_equal(enrich_drain(st, &ec, &es, NULL, NULL), HERALD_OK);
    assert_int_equal(es.done, 1);
    assert_int_equal(store_llm_cache_get(st, id, "summary", "", &out), HERALD_OK);
    assert_string_equal(out, "The ministry blamed a hacking group.");
    free(out);
    /* cached: a second job does not call the model again */
    {
        int before = f->state.requests;
        assert_int_equal(store_job_enqueue(st, STORE_JOB_LLM, id, TIME_NONE, 0), HERALD_OK);
        assert_int_equal(enrich_drain(st, &ec, &es, NULL, NULL), HERALD_OK);
        assert_int_equal(f->state.requests, before);
    }
    free(url);
    config_release(&cfg);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disabled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_job_caches, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
