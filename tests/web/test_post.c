/*
 * test_post.c - the write path of the web server: POST routes added through
 * web_config.extra_routes, request bodies (urlencoded forms and JSON) within the size cap,
 * 413/415/400/405 refusals, and the HTTP semantics of answers to writes (no-store, no ETag,
 * keep-alive after the body is read).
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
#include "testutil.h"
#include "web/internal.h"
#include "web/server.h"

static char *dir, *db;
static web_server *srv;
static unsigned port;
static struct fixture_ids ids;

/* Echoes what the handler sees: the form fields a, b and the JSON member "x". */
static void echo(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    json_t *j = web_req_json(rq), *x = j ? json_object_get(j, "x") : NULL;
    const char *a = web_req_form(rq, "a"), *b = web_req_form(rq, "b");
    resp->content_type = "text/plain; charset=utf-8";
    strbuf_addf(&resp->body, "id=%s a=[%s] b=[%s] x=[%s] method=%s",
                web_route_param(r, "id") ? web_route_param(r, "id") : "-", a ? a : "(null)",
                b ? b : "(null)", json_is_string(x) ? json_string_value(x) : "(null)",
                web_req_method(rq));
}

static const struct web_route_def extra[] = {
    {"POST", "/echo/{id:hex32}", echo, 0, "echo", NULL},
    {"POST", "/api/v1/echo", echo, WEB_RF_API, "api_echo", NULL},
    {"GET", "/echo/{id:hex32}", echo, 0, "echo_get", NULL},
    {"POST", "/about", echo, 0, "about_post", NULL}, /* a POST beside a built-in GET */
};

static int setup(void **state)
{
    struct web_config cfg;
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture_tmp_db(&dir, &db);
    if (fixture_build(db, time_now(), &ids) != HERALD_OK)
        return -1;
    fixture_web_config(&cfg, db);
    cfg.max_body_bytes = 1024;
    cfg.extra_routes = extra;
    cfg.n_extra_routes = sizeof(extra) / sizeof(extra[0]);
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

#define ECHO "/echo/0123456789abcdef0123456789abcdef"

static void post(const char *path, const char *ct, const char *body, size_t len,
                 struct httpc_resp *r)
{
    char h[128];
    const char *hdrs[] = {h, NULL};
    snprintf(h, sizeof(h), "Content-Type: %s", ct);
    httpc_send(port, "POST", path, ct ? hdrs : NULL, body, len, 0, r);
}

static void test_form(void **state)
{
    struct httpc_resp r;
    char *cc, *etag;
    (void)state;
    post(ECHO, "application/x-www-form-urlencoded", "b=two+words%21&a=%3Cx%3E%26%22&a=second",
         (size_t)-1, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.buf, "id=0123456789abcdef0123456789abcdef a=[<x>&\"] "
                                    "b=[two words!] x=[(null)] method=POST");
    cc = httpc_header(&r, "Cache-Control");
    etag = httpc_header(&r, "ETag");
    assert_string_equal(cc, "no-store");
    assert_null(etag);
    free(cc);
    httpc_release(&r);
    /* a field without '=' is empty; empty pairs are skipped; UTF-8 passes through */
    post(ECHO, "application/x-www-form-urlencoded; charset=UTF-8", "&&a&b=%C3%A9&", (size_t)-1, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "a=[] b=[\xc3\xa9]"));
    httpc_release(&r);
    /* an empty body without a content type is an empty form */
    httpc_send(port, "POST", ECHO, NULL, "", 0, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "a=[(null)]"));
    httpc_release(&r);
}

static void test_malformed(void **state)
{
    static const char *bad[] = {"a=%zz", "a=%4", "a=%", "a=%00b"};
    struct httpc_resp r;
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        post(ECHO, "application/x-www-form-urlencoded", bad[i], (size_t)-1, &r);
        if (r.status != 400)
            fail_msg("%s: %ld", bad[i], r.status);
        assert_non_null(strstr(r.body.buf, "<!doctype html>"));
        httpc_release(&r);
    }
    /* a raw NUL byte in the body */
    post(ECHO, "application/x-www-form-urlencoded", "a=x\0y", 5, &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
    /* too many fields */
    {
        struct strbuf b = STRBUF_INIT;
        for (int i = 0; i < 65; i++)
            strbuf_addf(&b, "f%d=1&", i);
        post(ECHO, "application/x-www-form-urlencoded", b.buf, (size_t)-1, &r);
        assert_int_equal(r.status, 400);
        httpc_release(&r);
        strbuf_release(&b);
    }
    post(ECHO, "text/plain", "a=1", (size_t)-1, &r);
    assert_int_equal(r.status, 415);
    httpc_release(&r);
    post("/api/v1/echo", "application/json", "{\"x\": 1,", (size_t)-1, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body.buf, "\"code\":\"bad_request\""));
    httpc_release(&r);
    post("/api/v1/echo", "application/json", "{\"x\":\"a\",\"x\":\"b\"}", (size_t)-1, &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
    post("/api/v1/echo", "text/xml", "<x/>", (size_t)-1, &r);
    assert_int_equal(r.status, 415);
    assert_non_null(strstr(r.body.buf, "\"code\":\"unsupported_media_type\""));
    httpc_release(&r);
}

static void test_json(void **state)
{
    struct httpc_resp r;
    (void)state;
    post("/api/v1/echo", "application/json", "{\"x\":\"<b>\\u00e9</b>\"}", (size_t)-1, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "x=[<b>\xc3\xa9</b>] "));
    assert_non_null(strstr(r.body.buf, "a=[(null)]")); /* a JSON body is not a form */
    httpc_release(&r);
}

static void test_size_cap(void **state)
{
    struct httpc_resp r;
    char body[2048];
    const char *chunked[] = {"Content-Type: application/x-www-form-urlencoded",
                             "Transfer-Encoding: chunked", NULL};
    (void)state;
    memset(body, 'x', sizeof(body));
    memcpy(body, "a=", 2);
    /* exactly the cap is fine */
    post(ECHO, "application/x-www-form-urlencoded", body, 1024, &r);
    assert_int_equal(r.status, 200);
    httpc_release(&r);
    /* announced by Content-Length: refused before it is read */
    post(ECHO, "application/x-www-form-urlencoded", body, 1025, &r);
    assert_int_equal(r.status, 413);
    httpc_release(&r);
    post("/api/v1/echo", "application/json", body, sizeof(body), &r);
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(r.body.buf, "\"code\":\"too_large\""));
    httpc_release(&r);
    /* chunked past the cap: a 413, or the connection dropped; never a 200 */
    httpc_send(port, "POST", ECHO, chunked, body, sizeof(body), 0, &r);
    assert_true(r.status == 413 || r.status == 0);
    httpc_release(&r);
    /* chunked within the cap is read */
    httpc_send(port, "POST", ECHO, chunked, "a=chunked", (size_t)-1, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "a=[chunked]"));
    httpc_release(&r);
}

static void test_methods(void **state)
{
    struct httpc_resp r;
    char *allow;
    (void)state;
    /* a path with GET and POST routes: PUT lists both */
    httpc_do(port, "PUT", ECHO, NULL, 0, &r);
    assert_int_equal(r.status, 405);
    allow = httpc_header(&r, "Allow");
    assert_string_equal(allow, "GET, HEAD, POST");
    free(allow);
    httpc_release(&r);
    /* a POST-only API path: GET is 405 JSON with Allow: POST */
    httpc_do(port, "GET", "/api/v1/echo", NULL, 0, &r);
    assert_int_equal(r.status, 405);
    allow = httpc_header(&r, "Allow");
    assert_string_equal(allow, "POST");
    free(allow);
    assert_non_null(strstr(r.body.buf, "\"code\":\"method_not_allowed\""));
    httpc_release(&r);
    /* the built-in GET routes are untouched by the extra table */
    httpc_do(port, "GET", ECHO, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "method=GET"));
    httpc_release(&r);
    /* a POST route beside a built-in GET route: both answer, and Allow has both */
    httpc_do(port, "POST", "/about", NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "a=[1]"));
    httpc_release(&r);
    httpc_do(port, "GET", "/about", NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "<!doctype html>"));
    httpc_release(&r);
    httpc_do(port, "DELETE", "/about", NULL, 0, &r);
    assert_int_equal(r.status, 405);
    allow = httpc_header(&r, "Allow");
    assert_string_equal(allow, "GET, HEAD, POST");
    free(allow);
    httpc_release(&r);
    httpc_do(port, "POST", "/", NULL, 0, &r);
    assert_int_equal(r.status, 405);
    allow = httpc_header(&r, "Allow");
    assert_string_equal(allow, "GET, HEAD");
    free(allow);
    httpc_release(&r);
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

static void test_keepalive(void **state)
{
    /* a POST whose body was read leaves the connection open for the next request */
    CURL *c = curl_easy_init();
    char url[160];
    long connects = -1, status = 0;
    (void)state;
    snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, ECHO);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, "a=1");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(curl_easy_perform(c), CURLE_OK);
        curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        assert_int_equal(status, 200);
        assert_int_equal(connects, i == 0 ? 1 : 0);
    }
    curl_easy_cleanup(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form),    cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_json),    cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_methods), cmocka_unit_test(test_keepalive),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
