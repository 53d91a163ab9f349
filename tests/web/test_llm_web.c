/*
 * test_llm_web.c - the optional language model on the article page and the ask API:
 * `herald serve` with llm.url pointing at a small OpenAI-compatible server on loopback
 * (tests/support/testhttpd) adds a grounded answer to a question and a translation of the
 * summary into the reader's language (/{lang}/article/{id}), each labelled
 * machine-generated, the extractive results still shown; a model that fails or times out
 * leaves the page with the extractive results alone; and without llm.url nothing calls
 * out.  Answers and translations are kept in the store's llm_cache: a second server on the
 * same database serves them without calling the model.
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
#include "core/timeutil.h"
#include "fixture.h"
#include "httpc.h"
#include "testhttpd.h"
#include "testutil.h"
#include "web/server.h"

static int model_calls;

static void model(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    json_t *j;
    char *s;
    (void)ctx;
    model_calls++;
    if (strcmp(rq->path, "/broken/v1/chat/completions") == 0) {
        rs->status = 503;
        return;
    }
    j = json_pack("{s:[{s:{s:s,s:s}}]}", "choices", "message", "role", "assistant", "content",
                  "The ministry blamed <APT31>.");
    s = json_dumps(j, JSON_COMPACT);
    testhttpd_set_body(rs, s);
    testhttpd_add_header(rs, "Content-Type", "application/json");
    free(s);
    json_decref(j);
}

static char *dir, *db;
static struct fixture_ids ids;
static testhttpd *mhd;

static int setup(void **state)
{
    size_t n;
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    dir = test_tmpdir();
    n = strlen(dir) + 16;
    db = xmalloc(n);
    snprintf(db, n, "%s/t.db", dir);
    if (fixture_build(db, time_now(), &ids))
        return -1;
    mhd = testhttpd_start(model, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testhttpd_stop(mhd);
    test_rmtree(dir);
    free(dir);
    free(db);
    curl_global_cleanup();
    return 0;
}

static web_server *start(const char *llm_url)
{
    struct web_config cfg;
    web_server *s = NULL;
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 2;
    cfg.access_log = stderr;
    cfg.llm_url = llm_url;
    cfg.llm_timeout_s = 5;
    assert_int_equal(web_server_start(&cfg, &s), HERALD_OK);
    return s;
}

static int has(const struct httpc_resp *r, const char *s)
{
    return r->body.buf && strstr(r->body.buf, s) != NULL;
}

static void test_with_model(void **state)
{
    char *url = testhttpd_url(mhd, "/ok/v1/chat/completions");
    web_server *s = start(url);
    unsigned port = web_server_port(s);
    struct httpc_resp r;
    char path[160];
    int before;
    json_t *j;
    (void)state;
    snprintf(path, sizeof(path), "/article/%s?q=who+attacked+the+ministry", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "The ministry blamed &lt;APT31&gt;."));
    assert_true(has(&r, "Answer \xe2\x80\x94 machine-generated"));
    assert_true(has(&r, "<h3>Summary</h3>")); /* the extractive results stay */
    httpc_release(&r);
    /* the same question again: memoised, no second call */
    before = model_calls;
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_int_equal(model_calls, before);
    httpc_release(&r);
    /* the reader's language: the summary translated */
    snprintf(path, sizeof(path), "/de/article/%s", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "<h3>Summary, translated (de)</h3>"));
    assert_true(has(&r, "Translation \xe2\x80\x94 machine-generated"));
    httpc_release(&r);
    /* the API's answer */
    snprintf(path, sizeof(path), "/api/v1/articles/%s/ask?q=who+attacked", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    j = json_loads(r.body.buf, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "llm_answer")),
                        "The ministry blamed <APT31>.");
    json_decref(j);
    httpc_release(&r);
    web_server_free(s);

    /* a new server on the same database: the answers come from the store's cache */
    s = start(url);
    port = web_server_port(s);
    before = model_calls;
    snprintf(path, sizeof(path), "/article/%s?q=who+attacked+the+ministry", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "The ministry blamed &lt;APT31&gt;."));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/de/article/%s", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_true(has(&r, "<h3>Summary, translated (de)</h3>"));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/api/v1/articles/%s/ask?q=who+attacked", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_true(has(&r, "The ministry blamed <APT31>."));
    httpc_release(&r);
    assert_int_equal(model_calls, before);
    /* a new question still goes to the model */
    snprintf(path, sizeof(path), "/article/%s?q=when+was+the+ambassador+summoned", ids.czech);
    httpc_do(port, NULL, path, NULL, 0, &r);
    assert_true(has(&r, "The ministry blamed &lt;APT31&gt;."));
    httpc_release(&r);
    assert_int_equal(model_calls, before + 1);
    web_server_free(s);
    free(url);
}

static void test_failing_and_none(void **state)
{
    char *url = testhttpd_url(mhd, "/broken/v1/chat/completions");
    web_server *s = start(url);
    struct httpc_resp r;
    char path[160];
    int before;
    (void)state;
    snprintf(path, sizeof(path), "/article/%s?q=who", ids.czech);
    httpc_do(web_server_port(s), NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_false(has(&r, "machine-generated"));
    assert_true(has(&r, "<h3>Summary</h3>"));
    httpc_release(&r);
    web_server_free(s);
    free(url);

    s = start(NULL);
    before = model_calls;
    snprintf(path, sizeof(path), "/de/article/%s?q=who", ids.czech);
    httpc_do(web_server_port(s), NULL, path, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_false(has(&r, "machine-generated"));
    assert_int_equal(model_calls, before);
    httpc_release(&r);
    web_server_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_with_model),
        cmocka_unit_test(test_failing_and_none),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
